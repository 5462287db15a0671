import NIOCore
import NIOHTTPTypes

/// One connection's watch, in its pipeline after HTTP decoding: closes it when the server holds too
/// many connections (or too many from its address), when a request's head does not arrive within
/// `headerTimeoutSeconds` of the connection opening or of the previous response, and when a body
/// does not finish within `bodyTimeoutSeconds`. A request being handled has no deadline (a big
/// push may take long to merge).
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ConnectionLimits
    private let registry: ConnectionRegistry
    private var admittedAddress: String?
    private var deadline: Scheduled<Void>?

    init(limits: ConnectionLimits, registry: ConnectionRegistry) {
        self.limits = limits
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard registry.admit(address) else {
            context.close(promise: nil)
            return
        }
        admittedAddress = address
        arm(context, seconds: limits.headerTimeoutSeconds)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
        if let address = admittedAddress { registry.release(address) }
        admittedAddress = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: arm(context, seconds: limits.bodyTimeoutSeconds)
        case .body: break
        case .end: disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(context, seconds: limits.headerTimeoutSeconds) }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext, seconds: Double) {
        disarm()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1_000))) {
            channel.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}

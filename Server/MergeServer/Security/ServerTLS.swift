import Hummingbird
import HummingbirdCore
import HummingbirdTLS

/// HTTPS for the merge server: the certificate chain and private key, read from PEM files.
enum ServerTLS {
    /// The HTTP/1.1-over-TLS server for `certificatePath` and `keyPath`, its HTTP/1.1 configured as `http1`.
    ///
    /// - Throws: `ServerError.internalError` naming the file that cannot be read as PEM.
    static func server(
        certificatePath: String, keyPath: String, http1: HTTP1Channel.Configuration = .init()
    ) throws(ServerError) -> HTTPServerBuilder {
        let certificates: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw .internalError("cannot read the TLS certificate \(certificatePath) (\(error)): give a PEM certificate chain")
        }
        guard !certificates.isEmpty else {
            throw .internalError("\(certificatePath) holds no PEM certificate: give the server's certificate chain")
        }
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw .internalError("cannot read the TLS private key \(keyPath) (\(error)): give an unencrypted PEM key")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        do {
            return try .tls(.http1(configuration: http1), tlsConfiguration: configuration)
        } catch {
            throw .internalError("the TLS configuration was refused (\(error)): check the certificate and key match")
        }
    }
}

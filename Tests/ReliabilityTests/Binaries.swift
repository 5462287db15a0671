import Foundation

/// The built `farelegami` and `farelegami-server` executables, next to the test bundle.
enum Binaries {
    static let directory: URL = {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }()

    static var client: String { directory.appendingPathComponent("farelegami").path }
    static var server: String { directory.appendingPathComponent("farelegami-server").path }
}

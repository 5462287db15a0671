import Foundation

/// The built `farelegami` and `farelegami-server` executables, next to the test bundle.
public enum Binaries {
    public static let directory: URL = {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }()

    public static var client: String { directory.appendingPathComponent("farelegami").path }
    public static var server: String { directory.appendingPathComponent("farelegami-server").path }
}

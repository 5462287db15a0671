import Foundation

/// Chromium in headless mode, for tests that check what a person sees in a real browser.
///
/// Found as `$FARELEGAMI_CHROMIUM`, else `chromium`, `chromium-browser` or `google-chrome` on the
/// `PATH` (Debian: `apt-get install -y chromium`).
struct HeadlessBrowser {
    let executable: String

    /// The browser installed on this machine, or nil.
    static func find() -> HeadlessBrowser? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["FARELEGAMI_CHROMIUM"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? HeadlessBrowser(executable: path) : nil
        }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return HeadlessBrowser(executable: "\(directory)/\(name)")
            }
        }
        return nil
    }

    /// Whether the environment asks to skip browser tests (`FARELEGAMI_SKIP_BROWSER=1`).
    static var skipped: Bool { ProcessInfo.processInfo.environment["FARELEGAMI_SKIP_BROWSER"] == "1" }

    /// Loads `url` as a top-level navigation, lets the page render, and returns the DOM as HTML
    /// (`--dump-dom`). Credentials in the URL (`http://user:password@host/`) answer a Basic auth
    /// challenge, as a person typing them into the browser's prompt would.
    ///
    /// - Parameters:
    ///   - windowSize: the viewport, e.g. a phone's `390,844`.
    ///   - timeout: the browser is stopped after this many seconds.
    /// - Throws: `BrowserFailure` when the browser fails, exits non-zero or times out.
    func dumpDOM(of url: String, windowSize: String = "1280,900", timeout: Duration = .seconds(120)) async throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("fl-chromium-\(UUID().uuidString)")
        let output = profile.appendingPathComponent("dom.html")
        let log = profile.appendingPathComponent("stderr.log")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        FileManager.default.createFile(atPath: output.path, contents: nil)
        FileManager.default.createFile(atPath: log.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--user-data-dir=\(profile.appendingPathComponent("profile").path)",
            "--window-size=\(windowSize)", "--dump-dom", url,
        ]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardInput = FileHandle.nullDevice
        let status = try await Self.run(process, timeout: timeout)
        let dom = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard status == 0, !dom.isEmpty else {
            let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw BrowserFailure(status: status, log: String(stderr.suffix(2_000)))
        }
        return dom
    }

    /// Runs `process` to its end, stopping it (SIGTERM) after `timeout`; returns its exit status.
    private static func run(_ process: Process, timeout: Duration) async throws -> Int32 {
        let exited = AsyncStream<Int32> { continuation in
            process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        }
        try process.run()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            if process.isRunning { process.terminate() }
        }
        defer { watchdog.cancel() }
        for await status in exited { return status }
        return -1
    }

    /// The text a person reads in `html`: no styles, scripts or tags, entities decoded, spaces collapsed.
    static func visibleText(of html: String) -> String {
        var text = html.replacingOccurrences(of: #"<style[^>]*>[\s\S]*?</style>"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<script[^>]*>[\s\S]*?</script>"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

struct BrowserFailure: Error, CustomStringConvertible {
    let status: Int32
    let log: String
    var description: String { "the headless browser failed (exit status \(status)): \(log)" }
}

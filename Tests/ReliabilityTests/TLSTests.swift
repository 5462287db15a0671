import Foundation
import ProcessHarness
import Testing

/// HTTPS end to end: a private CA made with openssl, the server serving a certificate it signed,
/// clients trusting the CA with `--cacert`; a certificate from elsewhere is refused in one clear line.
@Suite(.serialized) struct TLSTests {
    @Test func aFullSyncRunsOverHTTPSAndAServerWithACertificateNotFromTheCAIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pki = try PrivateCA(directory: directory)
        let server = try ServerProcess(directory: directory, sites: ["crema", "cremona", "hq"])
        server.tls = (pki.serverCertificate, pki.serverKey)
        try server.start()
        defer { server.stop() }
        #expect(server.url.hasPrefix("https://"))
        let offices = try ["crema", "cremona", "hq"].map {
            try Office(site: $0, directory: directory, serverURL: server.url, extra: ["--cacert", pki.caCertificate])
        }
        try offices[0].write("INSERT INTO partner (id, name, role) VALUES ('p1', 'CISVOL', 'partner')")
        try offices[0].write("INSERT INTO household (id, code, municipality, adults) VALUES ('h1', 'C1', 'Crema', 2)")
        try offices[2].write("INSERT INTO lab (id, theme, title, status) VALUES ('lab0', 'housing', 'Casa', 'planned')")
        for _ in 0..<2 { for office in offices { try office.syncOrThrow() } }
        #expect(try offices[1].rows("partner") == offices[0].rows("partner"))
        #expect(try offices[0].rows("lab") == offices[2].rows("lab"))
        #expect(try offices[2].rows("household").count == 1)
        #expect(try offices[1].rows("household").isEmpty)

        let plain = try RawHTTP(baseURL: server.url.replacingOccurrences(of: "https", with: "http"))
            .sendExpectingFailure("GET", "/health")
        #expect(plain != nil, "the HTTPS port answered plain HTTP")

        server.stop()
        server.tls = (pki.selfSignedCertificate, pki.selfSignedKey)
        try server.start(port: server.port)
        let refused = try offices[0].sync()
        #expect(refused.status != 0)
        #expect(refused.errorLines.count == 1, "not one line: \(refused.stderr)")
        #expect(refused.stderr.contains("TLS") && refused.stderr.contains("--cacert"), "\(refused.stderr)")
        #expect(try offices[0].number("SELECT count(*) FROM _fl_outbox") >= 0)
    }
}

extension RawHTTP {
    /// Sends without a token and returns the error, or nil when the exchange succeeded.
    func sendExpectingFailure(_ method: String, _ path: String) throws -> Error? {
        do {
            _ = try send(method, path, token: nil)
            return nil
        } catch {
            return error
        }
    }
}

/// A private CA, a server certificate it signed for 127.0.0.1/localhost, and an unrelated
/// self-signed certificate, made with the `openssl` command.
struct PrivateCA {
    let caCertificate: String
    let serverCertificate: String
    let serverKey: String
    let selfSignedCertificate: String
    let selfSignedKey: String

    init(directory: TemporaryDirectory) throws {
        let path = directory.path
        caCertificate = path("ca.pem")
        serverCertificate = path("server.pem")
        serverKey = path("server.key")
        selfSignedCertificate = path("rogue.pem")
        selfSignedKey = path("rogue.key")
        let extensions = path("server.ext")
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
            .write(toFile: extensions, atomically: true, encoding: .utf8)
        let steps: [[String]] = [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("ca.key"), "-out", caCertificate,
             "-days", "2", "-subj", "/CN=FareLegami Test CA"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", serverKey, "-out", path("server.csr"),
             "-subj", "/CN=127.0.0.1"],
            ["x509", "-req", "-in", path("server.csr"), "-CA", caCertificate, "-CAkey", path("ca.key"),
             "-CAcreateserial", "-out", serverCertificate, "-days", "2", "-extfile", extensions],
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", selfSignedKey, "-out", selfSignedCertificate,
             "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        ]
        for step in steps {
            let result = try runCommand("/usr/bin/openssl", step)
            guard result.status == 0 else { throw HarnessFailure(message: "openssl \(step[0]) failed: \(result.stderr)") }
        }
    }
}

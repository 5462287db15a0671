@testable import OfficeApp
import Testing

/// Posted forms, as browsers send them.
@Suite struct FormBodyTests {
    @Test func aURLEncodedFormKeepsSpacesAndAccentedLetters() {
        let body = FormBody(
            bytes: Array("name=Cooperativa+Iride&note=citt%C3%A0%20%26%20comunit%C3%A0&empty=".utf8),
            contentType: "application/x-www-form-urlencoded")
        #expect(body.fields == ["name": "Cooperativa Iride", "note": "città & comunità", "empty": ""])
    }

    @Test func aMultipartFormGivesItsFieldsAndFiles() {
        let text = "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "a;b\r\n1;2\r\n--XyZ--\r\n"
        let body = FormBody(bytes: Array(text.utf8), contentType: "multipart/form-data; boundary=XyZ")
        #expect(body.fields == ["_csrf": "abc"])
        #expect(body.files["file"] == Array("a;b\r\n1;2".utf8))
    }

    @Test func theBoundaryInsideAFileIsContentUnlessItStartsALine() {
        let text = "--XyZ\r\nContent-Disposition: form-data; NAME=\"file\"; filename=\"a.csv\"\r\n\r\n"
            + "a;--XyZ;b\r\n--XyZ\r\ncontent-disposition: form-data; name=\"_csrf\"\r\n\r\nabc\r\n--XyZ--\r\n"
        let body = FormBody(bytes: Array(text.utf8), contentType: "multipart/form-data; boundary=XyZ")
        #expect(body.files["file"] == Array("a;--XyZ;b".utf8))
        #expect(body.fields == ["_csrf": "abc"])
    }

    @Test func anotherContentTypeGivesNoFields() {
        #expect(FormBody(bytes: Array("a=1".utf8), contentType: "application/json").fields.isEmpty)
    }

    @Test func tokensCompareEqualOnlyWhenEqual() {
        #expect(StaffSessionMiddleware.constantTimeEquals("abc", "abc"))
        #expect(!StaffSessionMiddleware.constantTimeEquals("abc", "abd"))
        #expect(!StaffSessionMiddleware.constantTimeEquals("abc", "abcd"))
    }
}

/// Every page template parses and renders with its page model (a missing or broken template would
/// render an empty page).
@Suite struct TemplateTests {
    @Test func everyPageTemplateIsThere() {
        for name in ["top", "bottom", "login", "notice", "home", "list", "table", "record", "form", "confirm", "conflicts",
                     "import", "report", "sites", "retire", "audit"] {
            #expect(Templates.library.getTemplate(named: name) != nil, "template \(name)")
        }
    }
}

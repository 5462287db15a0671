import SyncCore

extension AuthenticatedSite {
    /// The central office (`hq`): the view of the server's own tools (`status`, `/metrics`), which see
    /// every site.
    public static var centralOffice: AuthenticatedSite { AuthenticatedSite(site: Catalog.centralSite, central: true) }
}

@_exported import SyncProtocol

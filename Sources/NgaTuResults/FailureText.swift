import Foundation
import SQLiteStore

/// Any error as words for the person at the terminal: our own errors say what they mean; a
/// Foundation error becomes the system's reason ("No space left on device"); an SQLite error
/// its plain message with what to do. Never a type dump.
public enum FailureText {
    public static func describe(_ error: any Error) -> String {
        switch error {
        case let e as SQLiteError: return sqlite(e)
        case let e as ResultStoreError: return e.description
        case let e as FileSystemError: return e.description
        case let e as OutputFileRefusal: return e.description
        default: break
        }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on the disk"
            case NSFileWriteFileExistsError: return "a file is already there"
            case NSFileWriteVolumeReadOnlyError: return "the disk is read-only"
            default: return "the file system refused (code \(ns.code))"
            }
        }
        // Swift errors of the other modules describe themselves; a bridged one would dump.
        let text = String(describing: error)
        if !text.contains("Domain="), !text.contains("Optional(") { return text }
        return "an unexpected failure (\(ns.domain) \(ns.code))"
    }

    /// SQLite's message in words, with a hint for the usual causes.
    static func sqlite(_ e: SQLiteError) -> String {
        switch e.code & 0xFF {
        case 13: return "the disk is full (free some space and run again, with --resume to keep the finished runs)"
        case 8: return "the results database is read-only (check the folder's permissions)"
        case 10: return "a disk read or write failed (disk full or removed?)"
        case 11, 26: return "the results database is damaged or is not a results database"
        case 5, 6: return "the results database is in use by another program"
        default: return "the results database failed: \(e.message)"
        }
    }
}

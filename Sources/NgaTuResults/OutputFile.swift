#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One output file (an imported map, a rebuilt report) written so that nothing else is lost:
/// the bytes go to a temporary file beside the target, are flushed, and are renamed over the
/// target only when all of them are written. A target that is not a regular file (a folder, a
/// device, a FIFO, a socket, or a symbolic link to one) is refused before anything is
/// written; a symbolic link to a regular file is followed, so the link stays and its file is
/// replaced. On any failure the temporary file is removed and the target is as it was.
public enum OutputFile {
    /// Why `path` cannot be written as an output file, or nil when it can (absent, or a
    /// regular file, or a symbolic link to one, in an existing folder).
    public static func refusal(_ path: String) -> String? {
        switch resolve(path) {
        case .success: return nil
        case .failure(let refusal): return refusal.description
        }
    }

    /// As `refusal(_:)`, and also refused when `path` exists but is not a file `command` wrote:
    /// none of its `#` comment lines carries `marker`. A command that replaces its own earlier
    /// output this way never replaces a file the user wrote at the same path.
    public static func refusal(_ path: String, unlessMarked marker: String, by command: String) -> String? {
        if let refusal = refusal(path) { return refusal }
        guard access(path, F_OK) == 0, !isMarked(path, marker) else { return nil }
        return "\(path) exists and was not written by \(command); it is left as it is (choose another --out)"
    }

    /// Whether a `#` comment line in the first 8 MiB of `path` carries `marker`.
    static func isMarked(_ path: String, _ marker: String) -> Bool {
        guard let f = fopen(path, "rb") else { return false }
        defer { fclose(f) }
        var head = [UInt8](repeating: 0, count: 8 << 20)
        let n = fread(&head, 1, head.count, f)
        return String(decoding: head[..<n], as: UTF8.self).split(separator: "\n")
            .contains { $0.hasPrefix("#") && $0.contains(marker) }
    }

    /// Writes `bytes` to `path` through a temporary file renamed over it (see the type).
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputFileRefusal) {
        let target = try resolve(path).get()
        let directory = PathText.directory(of: target)
        let temp = PathText.join(directory, ".\(PathText.name(of: target)).tmp-\(getpid())")
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFileRefusal(path: path, reason: "no file can be created in \(directory): \(String(cString: strerror(errno)))") }
        do throws(OutputFileRefusal) {
            defer { close(fd) }
            // The new file keeps the permissions of the one it replaces.
            var st = stat()
            if stat(target, &st) == 0 { _ = fchmod(fd, st.st_mode & 0o7777) }
            try writeAll(bytes, fd: fd, path: path)
            guard fsync(fd) == 0 else { throw OutputFileRefusal(path: path, reason: "it cannot be flushed to the disk: \(String(cString: strerror(errno)))") }
        } catch {
            unlink(temp)
            throw error
        }
        // The target may have changed since it was checked: check again just before the swap.
        if case .failure(let refusal) = resolve(path) { unlink(temp); throw refusal }
        guard rename(temp, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw OutputFileRefusal(path: path, reason: "it cannot be replaced: \(reason)")
        }
        let dfd = open(directory, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    /// Writes UTF-8 `text` to `path` (see `write(_:to:)`).
    public static func write(_ text: String, to path: String) throws(OutputFileRefusal) {
        try write(Array(text.utf8), to: path)
    }

    private static func writeAll(_ bytes: [UInt8], fd: Int32, path: String) throws(OutputFileRefusal) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf in
                posixWrite(fd, buf.baseAddress! + offset, buf.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputFileRefusal(path: path, reason: "\(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    private static func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, p, n)
        #else
        Darwin.write(fd, p, n)
        #endif
    }

    /// The path to rename over: `path` itself, or the regular file a symbolic link names.
    private static func resolve(_ path: String) -> Result<String, OutputFileRefusal> {
        func refuse(_ reason: String) -> Result<String, OutputFileRefusal> {
            .failure(OutputFileRefusal(path: path, reason: reason))
        }
        guard !path.isEmpty else { return refuse("an empty file name") }
        if path.hasSuffix("/") { return refuse("it names a folder; give a file name") }
        var st = stat()
        if lstat(path, &st) != 0 {
            guard errno == ENOENT else { return refuse("it cannot be checked: \(String(cString: strerror(errno)))") }
            let directory = PathText.directory(of: path)
            var dst = stat()
            guard stat(directory, &dst) == 0, (dst.st_mode & S_IFMT) == S_IFDIR else {
                return refuse("its folder \(directory) does not exist; create it first")
            }
            return .success(path)
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .success(path)
        case S_IFLNK:
            var target = stat()
            guard stat(path, &target) == 0 else { return refuse("it is a symbolic link to nothing; remove it or give another file name") }
            guard (target.st_mode & S_IFMT) == S_IFREG else {
                return refuse("it is a symbolic link to \(kind(target.st_mode)), not to a file; give a file name")
            }
            guard let real = realpath(path, nil) else { return refuse("its symbolic link cannot be resolved: \(String(cString: strerror(errno)))") }
            defer { free(real) }
            return .success(String(cString: real))
        default:
            return refuse("it is \(kind(st.st_mode)), not a file; give a file name")
        }
    }

    /// "a folder", "a device", … for a refusal.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}

/// An output path that was refused or could not be written; nothing was changed.
public struct OutputFileRefusal: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Folder and file names of a path as text (no Foundation).
enum PathText {
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

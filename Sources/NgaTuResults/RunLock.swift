#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One writer per results folder: an advisory lock (`flock`) on `ngatu.lock` in the partial
/// folder, held while the process lives. The kernel drops it when the process ends however it
/// ends, so a lock file left by a killed run blocks nobody; the file holds the writer's pid
/// only so that a refused run can name it.
public final class RunLock {
    public static let fileName = "ngatu.lock"

    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// Creates `directory` when missing and takes its lock, or throws `RunLockError.busy` at
    /// once when another process holds it.
    public static func acquire(in directory: String) throws(RunLockError) -> RunLock {
        let path = PathText.join(directory, fileName)
        // A run that finishes deletes the folder: if it did so between our open and our lock,
        // the file we locked is gone and we try again on a new one.
        for _ in 0..<5 {
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw .cannotCreate(directory, String(cString: strerror(errno)))
            }
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else {
                if errno == ENOENT { continue }
                throw .cannotCreate(path, String(cString: strerror(errno)))
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let holder = readPID(fd)
                close(fd)
                throw .busy(holder)
            }
            var held = stat(), named = stat()
            guard fstat(fd, &held) == 0, stat(path, &named) == 0,
                  held.st_ino == named.st_ino, held.st_dev == named.st_dev else {
                close(fd)
                continue
            }
            let text = Array("ngatu run pid \(getpid())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            return RunLock(fd: fd)
        }
        throw .cannotCreate(path, "the folder keeps being removed by another process")
    }

    /// `mkdir -p`: creates `path` and its missing parents, with the system's reason on failure.
    static func makeFolders(_ path: String) throws(RunLockError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .cannotCreate(prefix, String(cString: strerror(errno)))
            }
        }
    }

    /// True when `contents` is what a lock file holds (the partial folder's marker).
    static func isLockText(_ contents: [UInt8]) -> Bool {
        contents.starts(with: Array("ngatu run pid ".utf8))
    }

    private static func readPID(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        guard text.hasPrefix("ngatu run pid ") else { return nil }
        return Int(text.dropFirst("ngatu run pid ".count).prefix { $0.isNumber })
    }
}

/// Why the writer's lock could not be taken.
public enum RunLockError: Error, Sendable, Equatable {
    /// Another process holds it (its pid when the lock file names one).
    case busy(Int?)
    case cannotCreate(String, String)
}

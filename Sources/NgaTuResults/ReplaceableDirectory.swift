#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The check before a folder is replaced or emptied as a whole (a results folder, its
/// `.partial` folder, a SUMO export): only a folder that holds nothing but files ngatu wrote
/// may be, so that no file of the user's is ever deleted.
public enum ReplaceableDirectory {
    /// Why `path` must not be replaced, or nil when it may: it is absent, an empty folder, or
    /// a folder whose entries `owner` recognises as ngatu's (`owner` returns why not, naming
    /// the entry). A symbolic link, a file or device, and the current folder or one holding it
    /// are always refused. `what` names the folder in messages ("results folder").
    public static func refusal(_ path: String, what: String,
                               owner: (_ entries: [String]) -> String?) -> String? {
        var st = stat()
        if lstat(path, &st) != 0 {
            return errno == ENOENT ? nil : "\(path) cannot be checked: \(String(cString: strerror(errno)))"
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFLNK {
            return "\(path) is a symbolic link; it would be replaced as a whole, so give the folder it points to or another --out"
        }
        guard type == S_IFDIR else {
            return "\(path) is \(OutputFile.kind(st.st_mode)), not a \(what); choose another --out"
        }
        if holdsCurrentFolder(path) {
            return "\(path) is the current folder or holds it; it would be replaced as a whole, so choose another --out"
        }
        guard let entries = entries(of: path) else {
            return "\(path) cannot be read: \(String(cString: strerror(errno)))"
        }
        if entries.isEmpty { return nil }
        guard let reason = owner(entries) else { return nil }
        return "\(path) \(reason); it would be replaced as a whole, so choose another --out or move your files out first"
    }

    /// True when something (anything, a dangling link included) is at `path`.
    public static func exists(_ path: String) -> Bool { FileProbe.exists(path) }

    /// The names in a folder, sorted, without `.` and `..`; nil when it cannot be read.
    static func entries(of path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// True when `path` is the current folder or one of its ancestors.
    static func holdsCurrentFolder(_ path: String) -> Bool {
        guard let real = realpath(path, nil) else { return false }
        defer { free(real) }
        guard let cwd = getcwd(nil, 0) else { return false }
        defer { free(cwd) }
        let folder = String(cString: real), here = String(cString: cwd)
        return here == folder || folder == "/" || here.hasPrefix(folder + "/")
    }

    /// The first entry not in `names`, as a reason ("holds thesis.tex, which ngatu did not write").
    static func foreignEntry(_ entries: [String], names: Set<String>) -> String? {
        entries.first { !names.contains($0) }.map { "holds \($0), which ngatu did not write" }
    }
}

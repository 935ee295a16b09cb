/// RayKit's version: the one place it is written. `raykit --version`, the `User-Agent` of every request,
/// the pipeline manifest, the release tarball's name and `make install` all read it from here.
///
/// A module of its own, depending on nothing, so any RayKit module can name the version without
/// taking on another's C library.
public enum RayKitVersion {
    /// `MAJOR.MINOR.PATCH`.
    public static let current = "0.5.0"
}

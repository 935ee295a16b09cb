/// RayKit's version: the one place it is written (the `User-Agent` of every request carries it).
public enum RayKitVersion {
    /// `MAJOR.MINOR.PATCH`.
    public static let current = "0.5.0"
}

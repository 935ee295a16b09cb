internal import CCurl

/// The libcurl RayKit runs against, as loaded at run time (not the headers it was built with).
public enum CurlVersion {
    /// libcurl's version and its TLS library, e.g. `libcurl 7.88.1 (OpenSSL/3.0.15)`.
    public static let current: String = {
        guard let info = rk_curl_version_info() else { return "libcurl (version unknown)" }
        let version = String(cString: info.pointee.version)
        guard let tls = info.pointee.ssl_version else { return "libcurl \(version)" }
        return "libcurl \(version) (\(String(cString: tls)))"
    }()
}

import JSON

/// `kernel_info_reply`. Decoding tolerates kernels that omit the optional fields.
public struct KernelInfoReply: Codable, Equatable, Sendable {
    public var status: ReplyStatus
    public var protocolVersion: String
    public var implementation: String
    public var implementationVersion: String
    public var languageInfo: LanguageInfo
    public var banner: String
    public var helpLinks: [HelpLink]

    enum CodingKeys: String, CodingKey {
        case status, protocolVersion = "protocol_version", implementation
        case implementationVersion = "implementation_version", languageInfo = "language_info", banner
        case helpLinks = "help_links"
    }

    public init(protocolVersion: String = Header.protocolVersion, implementation: String, implementationVersion: String,
                languageInfo: LanguageInfo, banner: String, helpLinks: [HelpLink] = []) {
        self.status = .ok
        self.protocolVersion = protocolVersion
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.languageInfo = languageInfo
        self.banner = banner
        self.helpLinks = helpLinks
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(ReplyStatus.self, forKey: .status) ?? .ok
        protocolVersion = try c.decode(String.self, forKey: .protocolVersion)
        implementation = try c.decodeIfPresent(String.self, forKey: .implementation) ?? ""
        implementationVersion = try c.decodeIfPresent(String.self, forKey: .implementationVersion) ?? ""
        languageInfo = try c.decode(LanguageInfo.self, forKey: .languageInfo)
        banner = try c.decodeIfPresent(String.self, forKey: .banner) ?? ""
        helpLinks = try c.decodeIfPresent([HelpLink].self, forKey: .helpLinks) ?? []
    }
}

/// `language_info` of kernel_info_reply: how frontends treat the kernel's code.
public struct LanguageInfo: Codable, Equatable, Sendable {
    public var name: String
    public var version: String
    public var mimetype: String?
    /// With the leading dot, e.g. `.propel`.
    public var fileExtension: String?
    public var pygmentsLexer: String?
    /// A mode name, or an object like ipykernel's `{"name": "ipython", "version": 3}`.
    public var codemirrorMode: JSONValue?
    public var nbconvertExporter: String?

    enum CodingKeys: String, CodingKey {
        case name, version, mimetype, fileExtension = "file_extension", pygmentsLexer = "pygments_lexer"
        case codemirrorMode = "codemirror_mode", nbconvertExporter = "nbconvert_exporter"
    }

    public init(name: String, version: String, mimetype: String?, fileExtension: String?,
                pygmentsLexer: String? = nil, codemirrorMode: JSONValue? = nil, nbconvertExporter: String? = nil) {
        self.name = name
        self.version = version
        self.mimetype = mimetype
        self.fileExtension = fileExtension
        self.pygmentsLexer = pygmentsLexer
        self.codemirrorMode = codemirrorMode
        self.nbconvertExporter = nbconvertExporter
    }
}

/// An entry of `help_links`.
public struct HelpLink: Codable, Equatable, Sendable {
    public var text: String
    public var url: String

    public init(text: String, url: String) {
        self.text = text
        self.url = url
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace InboxNetworking.Imap;

/// <summary>How the connection is secured: implicit TLS, STARTTLS, or none (loopback or explicit consent only).</summary>
public enum ImapSecurity
{
    Ssl,
    StartTls,
    None,
}

/// <summary>One folder the account tracks, with what SPECIAL-USE (or its name) says it is.</summary>
public sealed record TrackedFolder(string Name, string Role);

/// <summary>An IMAP account as `connect imap` stored it (the password is kept apart, protected).</summary>
public sealed record ImapSettings
{
    public const string Kind = "imap";

    public required string Host { get; init; }
    public required int Port { get; init; }
    public required string User { get; init; }
    public ImapSecurity Security { get; init; } = ImapSecurity.Ssl;
    /// <summary>SHA-256 of the server certificate the person accepted; only this one passes when the chain does not.</summary>
    public string? AcceptedCertificateSha256 { get; init; }
    public IReadOnlyList<TrackedFolder> Folders { get; init; } = [];
    /// <summary>APPEND the monthly report to the INBOX.</summary>
    public bool DeliverReports { get; init; } = true;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImapSettings FromJson(string json) =>
        JsonSerializer.Deserialize<ImapSettings>(json, Json) ?? throw new FormatException("empty IMAP settings");

    /// <summary>The port a security mode uses when none is given (RFC 8314: 993 for implicit TLS).</summary>
    public static int DefaultPort(ImapSecurity security) => security == ImapSecurity.Ssl ? 993 : 143;

    /// <summary>Fingerprints as people paste them: any case, with or without colons.</summary>
    public static string NormalizeFingerprint(string fingerprint) =>
        fingerprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
}

using MimeKit;

namespace InboxNetworking.Files.Mime;

/// <summary>How every message is parsed: as leniently as real mail needs.</summary>
internal static class MimeParsing
{
    /// <summary>Looser addresses: Exchange exports write local parts like "k..allen" (Enron), which the
    /// strict grammar rejects, and a message whose From cannot be read is a message lost.</summary>
    public static ParserOptions Options(bool respectContentLength = false) => new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Looser,
        AllowAddressesWithoutDomain = false,
        RespectContentLength = respectContentLength,
    };
}

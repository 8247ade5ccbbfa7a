using System.Security.Cryptography;
using System.Text;

namespace InboxNetworking.Core.Domain;

/// <summary>"One message, one event": the key that makes the same message in two folders one message.</summary>
public static class MessageKeys
{
    /// <summary>Message-ID when present, else a hash of (from, sent second, normalised subject, sorted recipients).</summary>
    public static string For(string? messageId, string? from, DateTimeOffset date, string? subject, IEnumerable<string> recipients)
    {
        var id = NormalizeMessageId(messageId);
        if (id is not null)
            return id;
        var text = new StringBuilder()
            .Append(from?.ToLowerInvariant()).Append('\n')
            .Append(date.ToUnixTimeSeconds()).Append('\n')
            .Append(NormalizeSubject(subject)).Append('\n')
            .AppendJoin(',', recipients.Select(r => r.ToLowerInvariant()).Order(StringComparer.Ordinal))
            .ToString();
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static string? NormalizeMessageId(string? messageId)
    {
        if (string.IsNullOrWhiteSpace(messageId))
            return null;
        var id = messageId.Trim().Trim('<', '>').Trim();
        return id.Length == 0 ? null : id;
    }

    private static readonly string[] ReplyPrefixes = ["re:", "aw:", "sv:", "antw:", "odp:", "vs:", "ref:", "ответ:"];
    private static readonly string[] AllPrefixes = [.. ReplyPrefixes, "fw:", "fwd:", "wg:", "tr:", "rv:", "пересл:"];

    /// <summary>The subject says it answers something ("Re:" and its translations), forwards excluded.</summary>
    public static bool IsReplySubject(string? subject)
    {
        var s = subject?.TrimStart() ?? "";
        return ReplyPrefixes.Any(p => s.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Subject without reply/forward prefixes and with folded white space.</summary>
    public static string NormalizeSubject(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
            return "";
        var s = subject.Trim();
        bool stripped;
        do
        {
            stripped = false;
            foreach (var prefix in AllPrefixes)
            {
                if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    s = s[prefix.Length..].TrimStart();
                    stripped = true;
                }
            }
        }
        while (stripped);
        return string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }
}

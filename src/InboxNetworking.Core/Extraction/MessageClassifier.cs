using InboxNetworking.Core.Domain;

namespace InboxNetworking.Core.Extraction;

/// <summary>Why a message is not a relationship signal (METRICS.md section 0), if it is not.</summary>
public enum Exclusion
{
    None,
    Draft,
    AutoReply,
    MailingList,
    Bulk,
    RoleSender,
    CalendarTraffic,
    NoSender,
}

/// <summary>Applies the message-level exclusion rules.</summary>
public static class MessageClassifier
{
    private static readonly string[] AutoReplySubjects =
    [
        "automatic reply:", "auto reply:", "autoreply:", "auto-reply:", "out of office", "out of the office",
        "auto:", "abwesenheitsnotiz", "автоответ", "réponse automatique",
    ];

    public static Exclusion Classify(MailItem message, string? normalizedSender)
    {
        if (message.IsDraft)
            return Exclusion.Draft;
        if (normalizedSender is null)
            return Exclusion.NoSender;
        // RFC 3834: any value but "no" marks an automatic message. X-Auto-Response-Suppress is not a marker.
        if (message.AutoSubmitted is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return Exclusion.AutoReply;
        var subject = message.Subject?.TrimStart() ?? "";
        if (AutoReplySubjects.Any(p => subject.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            return Exclusion.AutoReply;
        if (message.ListId is not null)
            return Exclusion.MailingList;
        if (message.HasListUnsubscribe || IsBulkPrecedence(message.Precedence))
            return Exclusion.Bulk;
        if (AddressRules.IsRoleAddress(normalizedSender))
            return Exclusion.RoleSender;
        if (message.CarriesCalendar)
            return Exclusion.CalendarTraffic;
        return Exclusion.None;
    }

    private static bool IsBulkPrecedence(string? precedence) =>
        precedence?.Trim().ToLowerInvariant() is "bulk" or "list" or "junk";
}

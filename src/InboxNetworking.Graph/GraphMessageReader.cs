using InboxNetworking.Core.Domain;
using Microsoft.Graph.Models;
using Participant = InboxNetworking.Core.Domain.Participant;

namespace InboxNetworking.Graph;

/// <summary>The header-level facts of a Graph message, from the properties the delta asked for and its
/// internet message headers. Nothing of the body is asked for or kept.</summary>
internal static class GraphMessageReader
{
    /// <summary>The properties a delta page asks for: the analysis needs these and nothing else.</summary>
    public static readonly string[] Select =
    [
        "internetMessageId", "subject", "from", "sender", "toRecipients", "ccRecipients", "bccRecipients",
        "sentDateTime", "receivedDateTime", "hasAttachments", "isDraft", "internetMessageHeaders",
    ];

    /// <summary>The message's facts, or the reason it cannot be used. No item and no problem: the product's own
    /// report, which is skipped.</summary>
    public static (MailItem? Item, string? Problem) Read(Message message, GraphFolder folder)
    {
        var headers = message.InternetMessageHeaders ?? [];
        string? Header(string name) => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.Trim() is { Length: > 0 } v ? v : null;
        if (Header(ProductMessages.ReportHeader) is not null)
            return (null, null);
        var from = PersonOf(message.From) ?? PersonOf(message.Sender);
        if (from is null)
            return (null, "no from or sender address: the sender cannot be told");
        if ((message.SentDateTime ?? message.ReceivedDateTime) is not { } date)
            return (null, "no sentDateTime or receivedDateTime: the message cannot be placed in time");

        var to = Participants(message.ToRecipients);
        var cc = Participants(message.CcRecipients);
        var bcc = Participants(message.BccRecipients);
        var messageId = MessageKeys.NormalizeMessageId(message.InternetMessageId);
        return (new MailItem
        {
            MessageKey = MessageKeys.For(messageId, from.Address, date, message.Subject, to.Concat(cc).Concat(bcc).Select(p => p.Address)),
            MessageId = messageId,
            Date = date,
            From = from,
            To = to,
            Cc = cc,
            Bcc = bcc,
            Subject = message.Subject,
            InReplyTo = Ids(Header("In-Reply-To")).FirstOrDefault(),
            References = Ids(Header("References")).ToList(),
            ListId = Header("List-Id"),
            HasListUnsubscribe = Header("List-Unsubscribe") is not null,
            Precedence = Header("Precedence"),
            AutoSubmitted = Header("Auto-Submitted"),
            HasAttachment = message.HasAttachments ?? false,
            // Meeting requests and answers: they belong to the calendar stream, as text/calendar parts do over IMAP.
            CarriesCalendar = message is EventMessage,
            Folder = folder.Name,
            InSentFolder = folder.IsSent,
            IsDraft = message.IsDraft ?? false,
        }, null);
    }

    private static Participant? PersonOf(Recipient? recipient) =>
        recipient?.EmailAddress is { Address: { } address } email && address.Contains('@', StringComparison.Ordinal)
            ? new Participant(address.Trim(), string.IsNullOrWhiteSpace(email.Name) ? null : email.Name.Trim())
            : null;

    private static List<Participant> Participants(List<Recipient>? recipients) =>
        recipients?.Select(PersonOf).OfType<Participant>().ToList() ?? [];

    /// <summary>Message ids of In-Reply-To or References: "&lt;a@b&gt; &lt;c@d&gt;", without their brackets.</summary>
    private static IEnumerable<string> Ids(string? value) =>
        (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(MessageKeys.NormalizeMessageId).OfType<string>();
}

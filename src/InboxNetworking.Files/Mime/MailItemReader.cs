using InboxNetworking.Core.Domain;
using InboxNetworking.Files.Calendar;
using MimeKit;

namespace InboxNetworking.Files.Mime;

/// <summary>Reads the header-level facts of a parsed message, and the calendar objects its
/// text/calendar parts carry. Nothing of the body is kept.</summary>
internal sealed class MailItemReader(IcsReader ics)
{
    /// <summary>The message's facts, or the reason it cannot be used.</summary>
    /// <remarks>A missing Date falls back to the newest Received header, then to <c>deliveredAt</c>, when the
    /// store says the message arrived (mbox From line, Maildir file name).</remarks>
    public (MailItem? Item, IReadOnlyList<CalendarChange> Calendar, string? Problem) Read(
        MimeMessage message, string folder, bool inSentFolder, bool isDraft, DateTimeOffset? deliveredAt = null) =>
        Read(message, message.BodyParts.Any(p => p.IsAttachment), CalendarTexts(message), folder, inSentFolder, isDraft, deliveredAt);

    /// <summary>The same facts from headers alone, with what the body structure told a remote connector.
    /// No item and no problem: the product's own report, which is skipped.</summary>
    public (MailItem? Item, IReadOnlyList<CalendarChange> Calendar, string? Problem) Read(
        MimeMessage message, bool hasAttachment, IEnumerable<string> calendarTexts, string folder, bool inSentFolder, bool isDraft, DateTimeOffset? deliveredAt)
    {
        if (message.Headers.Contains(ProductMessages.ReportHeader))
            return (null, [], null);
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        if (from is null || string.IsNullOrWhiteSpace(from.Address))
            return (null, [], "no From address: the sender cannot be told");
        if ((DateOf(message) ?? deliveredAt) is not { } date)
            return (null, [], "no usable Date header, Received header or delivery time: the message cannot be placed in time");

        var (calendar, calendarProblem) = ReadCalendars(calendarTexts);
        var to = Participants(message.To);
        var cc = Participants(message.Cc);
        var bcc = Participants(message.Bcc);
        var labels = message.Headers["X-Gmail-Labels"] ?? "";
        var item = new MailItem
        {
            MessageKey = MessageKeys.For(message.MessageId, from.Address, date, message.Subject, to.Concat(cc).Concat(bcc).Select(p => p.Address)),
            MessageId = MessageKeys.NormalizeMessageId(message.MessageId),
            Date = date,
            From = new Participant(from.Address, NullIfEmpty(from.Name)),
            To = to,
            Cc = cc,
            Bcc = bcc,
            Subject = message.Subject,
            InReplyTo = MessageKeys.NormalizeMessageId(message.InReplyTo),
            References = message.References.Select(r => r.Trim('<', '>')).ToList(),
            ListId = NullIfEmpty(message.Headers[HeaderId.ListId]),
            HasListUnsubscribe = message.Headers.Contains(HeaderId.ListUnsubscribe),
            Precedence = NullIfEmpty(message.Headers[HeaderId.Precedence]),
            AutoSubmitted = NullIfEmpty(message.Headers["Auto-Submitted"]),
            HasAttachment = hasAttachment,
            CarriesCalendar = calendar.Count > 0 || calendarProblem is not null,
            Folder = folder,
            InSentFolder = inSentFolder || HasLabel(labels, "Sent"),
            IsDraft = isDraft || HasLabel(labels, "Draft") || HasLabel(labels, "Drafts"),
        };
        return (item, calendar, calendarProblem);
    }

    /// <summary>The Date header, else the newest Received header's time (RFC 5322 3.6.7: "; date-time").</summary>
    private static DateTimeOffset? DateOf(MimeMessage message)
    {
        if (message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue)
            return message.Date;
        var received = message.Headers.FirstOrDefault(h => h.Id == HeaderId.Received)?.Value;
        var semicolon = received?.LastIndexOf(';') ?? -1;
        return semicolon >= 0 && MimeKit.Utils.DateUtils.TryParse(received![(semicolon + 1)..].Trim(), out DateTimeOffset parsed) ? parsed : null;
    }

    /// <summary>text/calendar (iMIP, RFC 6047) and application/ics parts: where invitations and replies travel.</summary>
    public static bool IsCalendarType(ContentType type) => type.IsMimeType("text", "calendar") || type.IsMimeType("application", "ics");

    private static IEnumerable<string> CalendarTexts(MimeMessage message) =>
        message.BodyParts.OfType<MimePart>().Where(p => IsCalendarType(p.ContentType)).Select(p => p is TextPart tp ? tp.Text : ReadContent(p));

    private (List<CalendarChange> Changes, string? Problem) ReadCalendars(IEnumerable<string> texts)
    {
        var changes = new List<CalendarChange>();
        string? problem = null;
        foreach (var text in texts)
        {
            var (parsed, error) = ics.Read(text);
            if (error is not null)
                problem = error;
            changes.AddRange(parsed);
        }
        // An invitation often carries the same calendar twice (inline and as a file): the store's
        // upsert by UID and SEQUENCE makes the second a no-op.
        return (changes, problem);
    }

    private static string ReadContent(MimePart part)
    {
        using var memory = new MemoryStream();
        part.Content?.DecodeTo(memory);
        return System.Text.Encoding.UTF8.GetString(memory.ToArray());
    }

    private static List<Participant> Participants(InternetAddressList list) =>
        list.Mailboxes.Where(m => !string.IsNullOrWhiteSpace(m.Address)).Select(m => new Participant(m.Address, NullIfEmpty(m.Name))).ToList();

    private static bool HasLabel(string labels, string label) =>
        labels.Split(',').Any(l => string.Equals(l.Trim(), label, StringComparison.OrdinalIgnoreCase));

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

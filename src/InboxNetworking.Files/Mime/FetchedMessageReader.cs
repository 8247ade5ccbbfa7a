using InboxNetworking.Core.Domain;
using InboxNetworking.Files.Calendar;
using MimeKit;

namespace InboxNetworking.Files.Mime;

/// <summary>Reads what a remote connector fetched of one message (its headers, what the body structure
/// says, its calendar parts) into the same facts a file import gives, so that the same message reached
/// either way has the same key and the same meaning.</summary>
public sealed class FetchedMessageReader
{
    private readonly MailItemReader _reader;

    public FetchedMessageReader(FilesOptions options, TimeProvider time) => _reader = new MailItemReader(new IcsReader(options, time));

    /// <summary>text/calendar and application/ics: the parts worth fetching for the calendar.</summary>
    public static bool IsCalendarType(ContentType type) => MailItemReader.IsCalendarType(type);

    /// <summary>The message's facts, or the reason it cannot be used; read by the import's own reader
    /// with its own (looser) parser options: one reading for every path.</summary>
    public (MailItem? Item, IReadOnlyList<CalendarChange> Calendar, string? Problem) Read(
        HeaderList headers, bool hasAttachment, IEnumerable<string> calendarTexts, string folder, bool inSentFolder, bool isDraft, DateTimeOffset? deliveredAt) =>
        _reader.Read(headers, hasAttachment, calendarTexts, folder, inSentFolder, isDraft, deliveredAt);
}

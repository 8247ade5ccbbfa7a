using InboxNetworking.Core.Domain;
using InboxNetworking.Files.Mime;
using MimeKit;

namespace InboxNetworking.Files.Sources;

/// <summary>Collects what a source reads until a batch is full; every source shares it.</summary>
internal sealed class BatchBuilder(MailItemReader reader, string sourceName)
{
    private List<MailItem> _mail = [];
    private List<CalendarChange> _calendar = [];
    private List<QuarantineEntry> _quarantine = [];

    public int Count => _mail.Count + _quarantine.Count + _calendar.Count;

    public void AddMessage(MimeMessage message, string position, string folder, bool inSent, bool isDraft, DateTimeOffset? deliveredAt = null)
    {
        var (item, calendar, problem) = reader.Read(message, folder, inSent, isDraft, deliveredAt);
        if (item is null && problem is null)
            return; // the product's own report
        if (item is null)
        {
            Quarantine(position, problem ?? "unusable message");
            return;
        }
        _mail.Add(item);
        _calendar.AddRange(calendar);
        if (problem is not null)
            Quarantine(position, "calendar part: " + problem);
    }

    public void AddCalendar(IReadOnlyList<CalendarChange> changes) => _calendar.AddRange(changes);

    public void Quarantine(string position, string reason) => _quarantine.Add(new QuarantineEntry(sourceName, position, reason));

    /// <summary>Hands over what was collected with the checkpoint that follows it, and starts afresh.</summary>
    public SourceBatch Take(string checkpoint)
    {
        var batch = new SourceBatch(_mail, _calendar, _quarantine, checkpoint);
        _mail = [];
        _calendar = [];
        _quarantine = [];
        return batch;
    }

    /// <summary>A short, readable reason from a parser's exception.</summary>
    public static string Reason(Exception e) => e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" ");
}

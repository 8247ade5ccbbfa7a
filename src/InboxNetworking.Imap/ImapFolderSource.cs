using System.Runtime.CompilerServices;
using System.Threading.Channels;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using InboxNetworking.Files.Mime;
using MailKit;
using MailKit.Search;
using MimeKit;
using Polly;

namespace InboxNetworking.Imap;

/// <summary>One tracked IMAP folder as a source: the UIDs after the checkpoint, fetched in batches of
/// header fields and body structure (never a body, except text/calendar parts), each batch with the
/// checkpoint that follows it.</summary>
public sealed class ImapFolderSource(
    ImapSession session,
    TrackedFolder folder,
    FetchedMessageReader reader,
    ImapOptions options,
    ResiliencePipeline pipeline,
    TimeProvider time,
    Action<int>? onPlanned = null) : IMailSource
{
    /// <summary>Every header the analysis reads, and nothing else (METRICS.md section 0).</summary>
    private static readonly HeaderSet Fields = new(
    [
        "From", "Sender", "To", "Cc", "Bcc", "Date", "Subject", "Message-ID", "In-Reply-To", "References",
        "List-Id", "List-Unsubscribe", "Precedence", "Auto-Submitted", ProductMessages.ReportHeader,
    ]);

    private const MessageSummaryItems Items =
        MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate | MessageSummaryItems.Size
        | MessageSummaryItems.BodyStructure | MessageSummaryItems.Flags;

    /// <summary>UIDs per FETCH, a few of which make one committed batch: MailKit's answers to a FETCH live until
    /// it ends, and what is alive when the GC runs is what it copies. Fetching 1000 at a time, the sync spent
    /// 0.9 s of 3.1 s in GC pauses at 100k messages; 250 at a time, about 0.3 s, as bare MailKit does (500: the
    /// same; 125: slower, more waits between commands).</summary>
    private const int FetchSize = 250;

    /// <summary>Most mail carries no calendar part: one shared empty list, never added to.</summary>
    private static readonly List<string> NoCalendar = [];

    /// <summary>A calendar part larger than this is not an invitation anyone sends by hand.</summary>
    private const uint MaxCalendarPartBytes = 4 * 1024 * 1024;

    public string SourceKey => "imap:" + folder.Name;

    public async IAsyncEnumerable<SourceBatch> ReadAsync(string? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = FolderCheckpoint.Parse(checkpoint);
        var (state, uids) = await pipeline.ExecuteAsync(async ct => await PlanAsync(start, ct), cancellationToken);
        onPlanned?.Invoke(uids.Count);
        var inSent = folder.Role == FolderDiscovery.Sent;
        var chunks = uids.Chunk(Math.Min(FetchSize, options.BatchSize)).ToList();
        if (chunks.Count == 0)
            yield break;
        // Chunks are fetched back to back by one task, each FETCH sent as soon as the last one is answered, while
        // the chunk before is read here: MailKit's parse of the server's answer keeps one core busy, so reading on
        // another, with no wait between commands, is what keeps the sync near the protocol's pace.
        var fetched = Channel.CreateBounded<Fetched>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetching = FetchAllAsync(state.UidValidity, chunks, fetched.Writer, stop.Token);
        try
        {
            var mail = new List<MailItem>(options.BatchSize);
            var calendar = new List<CalendarChange>();
            var quarantined = new List<QuarantineEntry>();
            var uidsRead = 0;
            var lastUid = 0u;
            await foreach (var chunk in fetched.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var (summary, calendarTexts) in chunk.Summaries)
                    Read(summary, calendarTexts, inSent, mail, calendar, quarantined);
                // The channel's reader keeps its last item until the next arrives, most of a sync's time: answers
                // left there would survive every collection meanwhile.
                chunk.Summaries.Clear();
                uidsRead += chunk.UidCount;
                lastUid = chunk.LastUid;
                if (uidsRead < options.BatchSize)
                    continue;
                yield return new SourceBatch(mail, calendar, quarantined, (state with { LastUid = lastUid }).ToString());
                (mail, calendar, quarantined, uidsRead) = (new List<MailItem>(options.BatchSize), [], [], 0);
            }
            if (uidsRead > 0)
                yield return new SourceBatch(mail, calendar, quarantined, (state with { LastUid = lastUid }).ToString());
        }
        finally
        {
            // A consumer that stops early leaves a fetch in flight: it must end before the session is reused or closed.
            if (!fetching.IsCompleted)
                await stop.CancelAsync();
            await fetching.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default); // observed, not rethrown
        }
    }

    private sealed record Fetched(List<(IMessageSummary Summary, List<string> Calendar)> Summaries, int UidCount, uint LastUid);

    /// <summary>Every chunk in order into <paramref name="writer"/>, each with its retries; a failure ends the channel with it.</summary>
    private Task FetchAllAsync(uint uidValidity, List<UniqueId[]> chunks, ChannelWriter<Fetched> writer, CancellationToken ct) =>
        Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in chunks)
                {
                    var summaries = await pipeline.ExecuteAsync(async t => await FetchAsync(uidValidity, chunk, t), ct);
                    await writer.WriteAsync(new Fetched(summaries, chunk.Length, chunk[^1].Id), ct);
                }
                writer.Complete();
            }
            catch (Exception e)
            {
                writer.Complete(e);
                throw;
            }
        }, CancellationToken.None); // the loop itself must run, to complete the channel even when cancelled

    /// <summary>What is new since the checkpoint: nothing at all when UIDVALIDITY and UIDNEXT say so.</summary>
    private async Task<(FolderCheckpoint State, IReadOnlyList<UniqueId> Uids)> PlanAsync(FolderCheckpoint start, CancellationToken ct) =>
        await session.RunAsync(async (_, t) =>
        {
            var f = await session.OpenAsync(folder.Name, FolderAccess.ReadOnly, t);
            if (f.UidValidity != start.UidValidity)
                start = new FolderCheckpoint(f.UidValidity, 0, 0);
            var state = start with { HighestModSeq = f.HighestModSeq };
            // Flag changes and expunges move HIGHESTMODSEQ but change no history (a deleted message's
            // interaction still happened), so only new UIDs are read.
            if (f.Count == 0 || (f.UidNext is { } next && next.Id <= start.LastUid + 1))
                return (state, (IReadOnlyList<UniqueId>)[]);
            SearchQuery query = SearchQuery.Uids(new UniqueIdRange(new UniqueId(start.LastUid + 1), UniqueId.MaxValue));
            if (start.LastUid == 0 && options.BackfillMonths > 0)
                query = query.And(SearchQuery.DeliveredAfter(time.GetUtcNow().UtcDateTime.AddMonths(-options.BackfillMonths)));
            var found = await f.SearchAsync(query, t);
            // "N:*" always includes the highest UID, even one below N (RFC 3501 6.4.8).
            return (state, (IReadOnlyList<UniqueId>)found.Where(u => u.Id > start.LastUid).OrderBy(u => u.Id).ToList());
        }, ct);

    private async Task<List<(IMessageSummary Summary, List<string> Calendar)>> FetchAsync(uint uidValidity, UniqueId[] chunk, CancellationToken ct) =>
        await session.RunAsync(async (_, t) =>
        {
            var f = await session.OpenAsync(folder.Name, FolderAccess.ReadOnly, t);
            if (f.UidValidity != uidValidity)
                throw new SourceUnavailableException($"{folder.Name}: UIDVALIDITY changed during the sync; the next sync reads the folder again");
            var summaries = await f.FetchAsync(chunk, new FetchRequest(Items) { Headers = Fields }, t);
            var result = new List<(IMessageSummary, List<string>)>(summaries.Count);
            foreach (var s in summaries.OrderBy(s => s.UniqueId.Id))
            {
                List<string> texts = NoCalendar;
                foreach (var part in s.BodyParts)
                {
                    if (!FetchedMessageReader.IsCalendarType(part.ContentType) || part.Octets > MaxCalendarPartBytes)
                        continue;
                    if (texts == NoCalendar)
                        texts = [];
                    texts.Add(Text(await f.GetBodyPartAsync(s.UniqueId, part, t)));
                }
                result.Add((s, texts));
            }
            return result;
        }, ct);

    private void Read(IMessageSummary s, List<string> calendarTexts, bool inSent, List<MailItem> mail, List<CalendarChange> calendar, List<QuarantineEntry> quarantined)
    {
        var position = $"uid {s.UniqueId.Id}";
        try
        {
            var size = 0;
            foreach (var header in s.Headers ?? [])
                size += header.Field.Length + header.RawValue.Length;
            if (size > options.MaxHeaderBytes)
            {
                quarantined.Add(new QuarantineEntry(SourceKey, position, $"header fields of {size} bytes exceed the {options.MaxHeaderBytes}-byte limit"));
                return;
            }
            var isDraft = s.Flags?.HasFlag(MessageFlags.Draft) ?? false;
            var (item, changes, problem) = reader.Read(s.Headers ?? [], s.Attachments.Any(), calendarTexts, folder.Name, inSent, isDraft, s.InternalDate);
            if (item is null && problem is null)
                return; // the product's own report: not stored, not counted
            if (item is null)
            {
                quarantined.Add(new QuarantineEntry(SourceKey, position, problem ?? "unusable message"));
                return;
            }
            mail.Add(item);
            calendar.AddRange(changes);
            if (problem is not null)
                quarantined.Add(new QuarantineEntry(SourceKey, position, "calendar part: " + problem));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            quarantined.Add(new QuarantineEntry(SourceKey, position, $"unreadable message: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}"));
        }
    }

    private static string Text(MimeEntity entity)
    {
        if (entity is TextPart text)
            return text.Text;
        if (entity is not MimePart { Content: { } content })
            return "";
        using var memory = new MemoryStream();
        content.DecodeTo(memory);
        return System.Text.Encoding.UTF8.GetString(memory.ToArray());
    }
}

using System.Threading.Channels;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;

namespace InboxNetworking.Core.Ingestion;

/// <summary>Feeds sources into the store batch by batch, each batch committed with its checkpoint,
/// so a killed import resumes where it stopped without loss or duplicates.</summary>
public sealed class Ingestor(IInboxStore store, TimeProvider time)
{
    /// <summary>Batches read ahead while the store commits: parsing and writing overlap on two cores,
    /// and commits still happen one at a time, in order.</summary>
    private const int ReadAhead = 2;

    /// <summary>Imports every source for the account and records the run under <paramref name="runKind"/>
    /// (null: the caller records it, with its own outcome).</summary>
    public async Task<IngestSummary> IngestAsync(
        Account account,
        IEnumerable<ISource> sources,
        IProgress<IngestSummary>? progress,
        CancellationToken cancellationToken,
        string? runKind = "import")
    {
        var total = new IngestSummary();
        foreach (var source in sources)
        {
            var checkpoint = await store.GetCheckpointAsync(account.Id, source.SourceKey, cancellationToken);
            var batches = Channel.CreateBounded<SourceBatch>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reader = ReadAsync(source, checkpoint, batches.Writer, stop.Token);
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
                {
                    var outcome = await store.CommitBatchAsync(account.Id, source.SourceKey, batch, cancellationToken);
                    total = total.Add(outcome);
                    progress?.Report(total);
                }
            }
            catch
            {
                // The reader's failure arrives here through the channel; a commit failure stops the reader.
                await stop.CancelAsync();
                await reader.ContinueWith(static _ => { }, TaskScheduler.Default);
                throw;
            }
            await reader;
        }

        if (runKind is not null)
            await store.RecordRunAsync(account.Id, runKind, time.GetUtcNow(), total.ToString(), cancellationToken);
        return total;
    }

    private static async Task ReadAsync(ISource source, string? checkpoint, ChannelWriter<SourceBatch> writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var batch in source.ReadAsync(checkpoint, cancellationToken).WithCancellation(cancellationToken))
                await writer.WriteAsync(batch, cancellationToken);
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }
}

/// <summary>Running totals of an import.</summary>
public sealed record IngestSummary(int MessagesAdded = 0, int Duplicates = 0, int CalendarChanges = 0, int Quarantined = 0)
{
    public IngestSummary Add(BatchOutcome o) => new(
        MessagesAdded + o.MessagesAdded, Duplicates + o.Duplicates, CalendarChanges + o.CalendarChanges, Quarantined + o.Quarantined);

    public override string ToString() =>
        $"{MessagesAdded} messages added, {Duplicates} duplicates, {CalendarChanges} calendar changes, {Quarantined} quarantined";
}

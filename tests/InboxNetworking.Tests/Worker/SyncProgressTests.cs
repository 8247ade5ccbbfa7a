using InboxNetworking.Core.Ingestion;
using InboxNetworking.Worker.Cli;
using Microsoft.Extensions.Time.Testing;

namespace InboxNetworking.Tests.Worker;

/// <summary>What a person sees during a first sync: a bar with counts and an ETA on a terminal, lines otherwise.</summary>
public sealed class SyncProgressTests
{
    [Fact]
    public void OnATerminal_TheBarRedrawsOneLine_WithCountsAndTheTimeLeft()
    {
        var clock = new FakeTimeProvider();
        var error = new StringWriter();
        var progress = new SyncProgress(error, "me", clock, terminal: true);
        progress.Planned(1000);
        clock.Advance(TimeSpan.FromSeconds(10));
        progress.Report(new IngestSummary(MessagesAdded: 250));
        progress.Finish();

        var text = error.ToString();
        Assert.StartsWith("\rme [#######.......................] 250/1000", text, StringComparison.Ordinal);
        // 251 messages in 10 s: the 750 left take about 30 s.
        Assert.Contains(", about 0:00:30 left", text, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
    }
}

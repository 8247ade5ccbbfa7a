using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Renderers;
using InboxNetworking.Worker.Cli;

namespace InboxNetworking.Benchmarks;

/// <summary>Rendering the demo's monthly HTML report, against the baseline: serialising the same report to JSON.</summary>
internal static class ReportBenchmark
{
    public static async Task<string> RunAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "inboxnet-bench-report-" + Environment.ProcessId);
        var output = new StringWriter();
        var code = await InboxNetCli.RunAsync(["demo", "--out", dir], output, TextWriter.Null, TimeProvider.System, CancellationToken.None);
        if (code != 0)
            throw new InvalidOperationException("demo failed");
        var json = output.ToString().Split('\n').First(l => l.EndsWith(".json", StringComparison.Ordinal)).Trim();
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(json));
        Directory.Delete(dir, recursive: true);

        const int rounds = 300;
        var html = new HtmlReportRenderer();
        html.Render(report);
        var (baseTime, _) = Measure.Time(() => Enumerable.Range(0, rounds).Sum(_ => ReportJson.Serialize(report).Length));
        var (htmlTime, size) = Measure.Time(() => Enumerable.Range(0, rounds).Sum(_ => html.Render(report).Length));
        return $"report: HTML render {htmlTime.TotalMilliseconds / rounds:0.00} ms ({size / rounds / 1024} KiB) vs JSON serialisation {baseTime.TotalMilliseconds / rounds:0.00} ms = {htmlTime / baseTime:0.00}x";
    }
}

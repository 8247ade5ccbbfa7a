using System.CommandLine;
using InboxNetworking.Reporting.Renderers;
using InboxNetworking.Worker.Application;
using InboxNetworking.Worker.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet demo [--out DIR]`: a synthetic mailbox through the real pipeline to a report on disk.</summary>
internal static class DemoCommand
{
    public const string Account = "demo";

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Where the mailbox, the store and the reports go", DefaultValueFactory = _ => "./inboxnet-demo", HelpName = "DIR" };
        var language = ReportCommand.LanguageOption();
        var command = new Command("demo", "Generate a sample mailbox, import and analyse it, and write last month's report in every format.") { output, language };
        command.SetAction((parse, ct) =>
        {
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            // The demo keeps its own store unless --data-dir says otherwise: it never touches a real one.
            var dataDir = parse.GetValue(context.DataDirOption) is { } d ? Path.GetFullPath(d) : Path.Combine(outDir, "data");
            // The demo is the embedded default: its synthetic mailbox never goes into an organisation's PostgreSQL.
            return context.RunAsync(parse, services => RunAsync(context, services, outDir, parse.GetValue(language), ct), dataDir,
                new Dictionary<string, string?> { ["InboxNet:Store:Provider"] = "sqlite" });
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, IServiceProvider services, string outDir, string? language, CancellationToken ct)
    {
        if (language is not null)
            ReportService.RequireLanguage(language); // before any work
        var now = context.Time.GetUtcNow();
        var (files, messages) = DemoMailbox.Write(Path.Combine(outDir, "mailbox"), now);
        await context.Error.WriteLineAsync($"Wrote a synthetic mailbox of {messages} messages to {Path.Combine(outDir, "mailbox")}");

        var (account, summary) = await services.GetRequiredService<ImportService>().ImportAsync(
            files, Account, [DemoPeople.Owner.Address], "Europe/London", null, ct);
        await context.Error.WriteLineAsync($"Imported: {summary}");
        var reports = await services.GetRequiredService<AnalysisService>().AnalyzeAsync(account, ct);
        await context.Error.WriteLineAsync($"Analysed {reports.Count} months");

        var month = DemoMailbox.ReportMonth(now);
        var reportService = services.GetRequiredService<ReportService>();
        foreach (var renderer in ReportRenderers.All(reportService.TextFor(account, language)))
        {
            var path = Path.Combine(outDir, $"report-{month}{renderer.FileExtension}");
            await ReportService.WriteAtomicallyAsync(path, await reportService.RenderAsync(account, month, renderer.Format, language, ct), ct);
            await context.Output.WriteLineAsync(path);
        }
        return 0;
    }
}

using System.CommandLine;
using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet analyze [--account NAME]`.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliContext context)
    {
        var account = new Option<string?>("--account") { Description = "Analyse this account only (default: all)", HelpName = "NAME" };
        var command = new Command("analyze", "Rebuild contacts, interactions and the eight metrics for every month.") { account };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<IInboxStore>();
            var analysis = services.GetRequiredService<AnalysisService>();
            var accounts = await CliContext.SelectAccountsAsync(store, parse.GetValue(account), ct);
            if (accounts.Count == 0)
                throw new UserError("no accounts yet: run 'inboxnet import PATH --account NAME --owner ADDRESS' first");
            foreach (var a in accounts)
            {
                var (reports, excluded) = await analysis.AnalyzeWithSummaryAsync(a, ct);
                var range = reports.Count == 0 ? "no dated data" : $"{reports[0].Month} to {reports[^1].Month}";
                var left = excluded == 0 ? "" : $"; {excluded} {(excluded == 1 ? "person" : "people")} left out by your exclusions";
                await context.Output.WriteLineAsync($"{a.Name}: {reports.Count} months analysed ({range}){left}");
            }
            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxNetworking.Reporting;
using InboxNetworking.Reporting.Text;
using InboxNetworking.Core.Ports;
using InboxNetworking.Scoring.Evaluation;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet evaluate [--account NAME] [--json]`: how well the ML models predict, beside the baselines.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var account = new Option<string?>("--account") { Description = "Evaluate on this account only (default: every account, pooled)", HelpName = "NAME" };
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var command = new Command("evaluate",
            "Train the depth and reply models month by month and test each on the month after (never a random split); "
            + "print ROC-AUC, PR-AUC and Brier beside the baselines, and whether the model beats Interaction Rank.") { account, json };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<IInboxStore>();
            var accounts = await CliContext.SelectAccountsAsync(store, parse.GetValue(account), ct);
            if (accounts.Count == 0)
                throw new UserError("no accounts yet: run 'inboxnet import' or 'inboxnet connect imap' first");
            var report = await services.GetRequiredService<EvaluationService>().EvaluateAsync(accounts, ct);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(WithWords(JsonSerializer.SerializeToNode(report, CliContext.JsonOptions)!).ToJsonString(CliContext.JsonOptions));
                return 0;
            }
            foreach (var (title, e) in new[] { ("Depth (traffic both ways in the next 3 months)", report.Depth), ("You reply within 7 days", report.ReplyOwner), ("They reply within 7 days", report.ReplyContact) })
                await WriteAsync(context.Output, title, e);
            return 0;
        }));
        return command;
    }

    /// <summary>Each feature of each importance list also in words (English), as the report's appendix says it.</summary>
    private static JsonNode WithWords(JsonNode json)
    {
        foreach (var item in json.AsObject().Select(label => label.Value?["importance"]).OfType<JsonArray>().SelectMany(list => list).OfType<JsonObject>())
            item["words"] = ScoringAppendix.Feature(ReportText.English, (string)item["feature"]!);
        return json;
    }

    private static async Task WriteAsync(TextWriter output, string title, LabelEvaluation e)
    {
        await output.WriteLineAsync($"{title}: {e.Rows} rows, {e.Positives} positive, {e.Cutoffs} months; uses {e.Used}: {e.Reason}");
        if (e.AccountHoldOut is { } h)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  whole accounts held out ({h.Accounts}): model ROC-AUC {h.Model.RocAuc:0.000}, Interaction Rank {h.InteractionRank.RocAuc:0.000}, gain {h.GainOverInteractionRank.Mean:+0.000;-0.000} ({h.GainOverInteractionRank.Low:+0.000;-0.000} to {h.GainOverInteractionRank.High:+0.000;-0.000})"));
        }
        if (e.Model is null || e.Baselines is null)
            return;
        await output.WriteLineAsync("  scorer              ROC-AUC  PR-AUC  Brier");
        foreach (var (name, s) in new[] { ("model", e.Model), ("prior", e.Baselines.Prior), ("raw count", e.Baselines.RawCount), ("recency", e.Baselines.Recency),
            ("Interaction Rank", e.Baselines.InteractionRank), ("S0 (power mean)", e.Baselines.PowerMean), ("logistic (5)", e.Baselines.Logistic) })
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-18}  {s.RocAuc,7:0.000}  {s.PrAuc,6:0.000}  {(s.Brier is { } b ? b.ToString("0.000", CultureInfo.InvariantCulture) : "-"),5}"));
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxNetworking.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet status [--account NAME] [--json]`.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var account = new Option<string?>("--account") { Description = "One account (default: all)", HelpName = "NAME" };
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var command = new Command("status", "Per account: messages, events, contacts, quarantined items, last import and sync.") { account, json };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<IInboxStore>();
            var accounts = await CliContext.SelectAccountsAsync(store, parse.GetValue(account), ct);
            var statuses = new List<AccountStatus>();
            var connections = new List<ConnectionText.View>();
            foreach (var a in accounts)
            {
                statuses.Add(await store.GetStatusAsync(a.Id, ct));
                connections.Add(ConnectionText.Describe(a, await store.GetConnectionAsync(a.Id, ct)));
            }
            if (parse.GetValue(json))
            {
                // The status fields stay at the top level (a contract); the connection joins them.
                var array = new JsonArray();
                foreach (var (s, view) in statuses.Zip(connections))
                {
                    var node = JsonSerializer.SerializeToNode(s, CliContext.JsonOptions)!.AsObject();
                    node["connection"] = JsonSerializer.SerializeToNode(view, CliContext.JsonOptions);
                    array.Add(node);
                }
                await context.Output.WriteLineAsync(array.ToJsonString(CliContext.JsonOptions));
                return 0;
            }
            if (statuses.Count == 0)
                await context.Output.WriteLineAsync("No accounts yet. Start with: inboxnet import PATH --account NAME --owner ADDRESS");
            foreach (var ((a, s), view) in accounts.Zip(statuses).Zip(connections))
            {
                await context.Output.WriteLineAsync(
                    $"{s.Account}: {s.Messages} messages, {s.Events} events, {s.Contacts} contacts, {s.Quarantined} quarantined; " +
                    $"last import {When(s.LastImport)}, last sync {When(s.LastSync)}, last analysis {When(s.LastAnalysis)}");
                if (view.Kind != "files")
                {
                    foreach (var line in ConnectionText.Lines(a, view).Skip(1))
                        await context.Output.WriteLineAsync(line);
                    await context.Output.WriteLineAsync($"  connection: {view.Kind}, state {view.State}");
                }
                foreach (var q in await store.ListQuarantineAsync(a.Id, 10, ct))
                    await context.Output.WriteLineAsync($"  quarantined: {q.Source} [{q.Position}]: {q.Reason}");
                if (s.Quarantined > 10)
                    await context.Output.WriteLineAsync($"  ... and {s.Quarantined - 10} more");
            }
            return 0;
        }));
        return command;
    }

    private static string When(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never";
}

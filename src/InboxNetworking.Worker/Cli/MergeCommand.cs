using System.CommandLine;
using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet merge --account NAME --into ADDRESS ALIAS...` (or `--split ALIAS...`): one person with several
/// addresses counted as one contact, across the whole history; the command re-analyses and says what changed.</summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var account = new Option<string>("--account") { Description = "Whose figures", Required = true, HelpName = "NAME" };
        var into = new Option<string?>("--into") { Description = "The address the others are counted as", HelpName = "ADDRESS" };
        var split = new Option<bool>("--split") { Description = "Count the given addresses as their own people again" };
        var addresses = new Argument<string[]>("ALIAS")
        {
            Description = "The person's other addresses; none: list the merges",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("merge",
            "Count several addresses of one person as one contact in every month (retroactively: the account is analysed again); "
            + "with no address, list the merges.") { account, into, split, addresses };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<IInboxStore>();
            var acct = await CliContext.RequireAccountAsync(store, parse.GetValue(account)!, ct);
            var given = (parse.GetValue(addresses) ?? []).Select(a => Address(a, "an alias")).ToList();
            if (given.Count == 0)
            {
                var merges = await store.ListAliasesAsync(acct.Id, ct);
                await context.Output.WriteLineAsync(merges.Count == 0
                    ? $"{acct.Name}: no merges"
                    : $"{acct.Name}: " + string.Join("; ", merges.GroupBy(m => m.Value).OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => $"{string.Join(", ", g.Select(m => m.Key).Order(StringComparer.Ordinal))} counted as {g.Key}")));
                return 0;
            }
            var splitting = parse.GetValue(split);
            var canonical = parse.GetValue(into) is { } target ? Address(target, "--into") : null;
            if (splitting == (canonical is not null))
                throw new UserError("say either --into ADDRESS (merge the addresses into it) or --split (count them as their own people again)");
            if (canonical is not null && given.Contains(canonical))
                throw new UserError($"'{canonical}' is the address the others are merged into: leave it out of the list");
            var changed = new List<string>();
            foreach (var alias in given)
            {
                if (await store.SetAliasAsync(acct.Id, alias, canonical, ct))
                    changed.Add(alias);
            }
            if (changed.Count == 0)
            {
                await context.Output.WriteLineAsync($"{acct.Name}: nothing changed");
                return 0;
            }
            var (months, before, after, _) = await services.GetRequiredService<AnalysisService>().AnalyzeAfterCorrectionAsync(acct, ct);
            await context.Output.WriteLineAsync($"{acct.Name}: {string.Join(", ", changed)} {(canonical is null ? "counted as their own again" : "counted as " + canonical)}. "
                + $"Analysed again, {months} months: {after} contacts (were {before}).");
            return 0;
        }));
        return command;
    }

    private static string Address(string text, string what)
    {
        var address = text.Trim().ToLowerInvariant();
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < address.Length - 1 && !address.Any(char.IsWhiteSpace)
            ? address
            : throw new UserError($"{what} '{text}' is not an email address");
    }
}

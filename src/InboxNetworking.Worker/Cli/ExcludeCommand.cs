using System.CommandLine;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Ports;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet exclude --account NAME [ADDRESS|@DOMAIN...] [--remove]`: people who are nobody's relationship
/// to the owner leave every month's figures, retroactively; the command re-analyses and says what changed.</summary>
internal static class ExcludeCommand
{
    public static Command Create(CliContext context)
    {
        var account = new Option<string>("--account") { Description = "Whose figures", Required = true, HelpName = "NAME" };
        var remove = new Option<bool>("--remove") { Description = "Count them again" };
        var patterns = new Argument<string[]>("ADDRESS-OR-@DOMAIN")
        {
            Description = "bob@example.com, or @example.com for everyone at a domain and its subdomains; none: list the exclusions",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("exclude",
            "Leave people or whole domains out of every month's figures (retroactively: the account is analysed again); "
            + "with no address, list what is left out.") { account, remove, patterns };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<IInboxStore>();
            var acct = await CliContext.RequireAccountAsync(store, parse.GetValue(account)!, ct);
            var given = parse.GetValue(patterns) ?? [];
            if (given.Length == 0)
            {
                var list = await store.ListExclusionsAsync(acct.Id, ct);
                await context.Output.WriteLineAsync(list.Count == 0
                    ? $"{acct.Name}: nothing excluded (InboxNet:Extraction:ExcludedAddresses and ExcludedDomains in the settings apply to every account)"
                    : $"{acct.Name}: excluded {string.Join(", ", list)}");
                return 0;
            }
            var owner = acct.OwnerAddresses.Select(a => a.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            var parsed = given.Select(p => Parse(p, owner)).ToList();
            var excluding = !parse.GetValue(remove);
            var changed = new List<string>();
            foreach (var pattern in parsed)
            {
                if (await store.SetExclusionAsync(acct.Id, pattern, excluding, ct))
                    changed.Add(pattern);
            }
            if (changed.Count == 0)
            {
                await context.Output.WriteLineAsync($"{acct.Name}: nothing changed ({string.Join(", ", parsed)} {(excluding ? "already excluded" : "not excluded")})");
                return 0;
            }
            var (months, before, after, excluded) = await services.GetRequiredService<AnalysisService>().AnalyzeAfterCorrectionAsync(acct, ct);
            await context.Output.WriteLineAsync($"{acct.Name}: {(excluding ? "excluded" : "counted again")} {string.Join(", ", changed)}. "
                + $"Analysed again, {months} months: {after} contacts (were {before}); {excluded} {(excluded == 1 ? "person" : "people")} left out by your exclusions.");
            await context.Output.WriteLineAsync("Reports already written or delivered stay as they were; 'inboxnet report' shows the new figures.");
            return 0;
        }));
        return command;
    }

    /// <summary>"@domain" or an address, lower-cased; the owner's own addresses cannot be excluded.</summary>
    private static string Parse(string text, HashSet<string> owner)
    {
        var pattern = text.Trim().ToLowerInvariant();
        var at = pattern.IndexOf('@', StringComparison.Ordinal);
        var domain = at < 0 ? pattern : pattern[(at + 1)..];
        if (domain.Length == 0 || !domain.Contains('.', StringComparison.Ordinal) || domain.Any(char.IsWhiteSpace) || pattern.Count(c => c == '@') > 1)
            throw new UserError($"'{text}' is neither an address (name@example.com) nor a domain (@example.com)");
        if (at <= 0)
            return "@" + domain;
        if (owner.Contains(AddressRules.Normalize(pattern, stripPlusTag: false) ?? pattern))
            throw new UserError($"'{text}' is one of the account's own addresses: the owner cannot be excluded from their own network");
        return pattern;
    }
}

using System.CommandLine;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet import PATH... --account NAME --owner ADDRESS [--time-zone IANA-ID]`.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "mbox files, Maildir folders, folders of .eml files, .ics files", Arity = ArgumentArity.OneOrMore };
        var account = new Option<string>("--account") { Description = "The account to import into (created if needed)", Required = true, HelpName = "NAME" };
        var owners = new Option<string[]>("--owner") { Description = "The mailbox owner's address; repeat for aliases (Sent items add more)", HelpName = "ADDRESS" };
        var timeZone = new Option<string?>("--time-zone") { Description = "The owner's time zone, an IANA id such as Europe/Berlin (default UTC)", HelpName = "IANA-ID" };
        var command = new Command("import", "Import a mail or calendar export: headers and calendar metadata only, never bodies.")
        {
            paths, account, owners, timeZone,
        };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var import = services.GetRequiredService<ImportService>();
            var progress = new Progress(context.Error);
            var (acct, summary) = await import.ImportAsync(parse.GetValue(paths)!, parse.GetValue(account)!, parse.GetValue(owners) ?? [], parse.GetValue(timeZone), progress, ct);
            await context.Output.WriteLineAsync(
                $"Imported into '{acct.Name}': {summary.MessagesAdded} messages added, {summary.Duplicates} duplicates, {summary.CalendarChanges} calendar changes, {summary.Quarantined} quarantined.");
            if (summary.Quarantined > 0)
                await context.Output.WriteLineAsync($"See what was quarantined and why: inboxnet status --account {acct.Name}");
            return 0;
        }));
        return command;
    }

    /// <summary>A progress line on stderr every 10,000 messages, so long imports show they are moving.</summary>
    private sealed class Progress(TextWriter error) : IProgress<IngestSummary>
    {
        private int _reported;

        public void Report(IngestSummary value)
        {
            var seen = value.MessagesAdded + value.Duplicates;
            if (seen - _reported < 10_000)
                return;
            _reported = seen;
            error.WriteLine($"... {seen} messages read ({value.MessagesAdded} new)");
        }
    }
}

using System.CommandLine;
using InboxNetworking.Core.Ports;
using InboxNetworking.Reporting.Text;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.DependencyInjection;

namespace InboxNetworking.Worker.Cli;

/// <summary>`inboxnet report --account NAME --month YYYY-MM --format html|md|json|csv|eml [--out FILE] [--lang en|ru]`.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var account = new Option<string>("--account") { Description = "Whose report", Required = true, HelpName = "NAME" };
        var month = new Option<string>("--month") { Description = "The calendar month, in the account's time zone", Required = true, HelpName = "YYYY-MM" };
        var format = new Option<string>("--format") { Description = "html, md, json, csv (contacts) or eml (the message the worker delivers)", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong([.. ReportService.Formats]);
        var output = new Option<string?>("--out") { Description = "Write to this file (default: standard output)", HelpName = "FILE" };
        var language = LanguageOption();
        var command = new Command("report", "Render a month's networking report.") { account, month, format, output, language };
        command.SetAction((parse, ct) => context.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<IInboxStore>();
            var acct = await CliContext.RequireAccountAsync(store, parse.GetValue(account)!, ct);
            var text = await services.GetRequiredService<ReportService>().RenderAsync(acct, parse.GetValue(month)!, parse.GetValue(format)!, parse.GetValue(language), ct);
            if (parse.GetValue(output) is { } file)
            {
                await ReportService.WriteAtomicallyAsync(file, text, ct);
                await context.Output.WriteLineAsync(Path.GetFullPath(file));
            }
            else
            {
                await context.Output.WriteAsync(text);
            }
            return 0;
        }));
        return command;
    }

    /// <summary>`--lang en|ru`: the report's language for this command (default: the InboxNet:Report settings).</summary>
    public static Option<string?> LanguageOption() => new("--lang")
    {
        Description = $"The report's language: {string.Join(", ", ReportText.Languages)} (default: InboxNet:Report:Language, or the account's own)",
        HelpName = "LANG",
    };
}

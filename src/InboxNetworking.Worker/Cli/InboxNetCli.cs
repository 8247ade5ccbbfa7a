using System.CommandLine;

namespace InboxNetworking.Worker.Cli;

/// <summary>The `inboxnet` command line: the entry point for people, scripts and tests alike.</summary>
public static class InboxNetCli
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken, TextReader? input = null)
    {
        var context = new CliContext(output, error, input ?? Console.In, time);
        var root = new RootCommand("InboxNetworking: turns a mailbox's headers and calendar into a monthly report on your professional network.")
        {
            context.DataDirOption,
            context.VerboseOption,
            ImportCommand.Create(context),
            AnalyzeCommand.Create(context),
            ReportCommand.Create(context),
            StatusCommand.Create(context),
            DemoCommand.Create(context),
            ConnectCommand.Create(context),
            AccountsCommand.Create(context),
            SyncCommand.Create(context),
            RunCommand.Create(context),
            DeliverCommand.Create(context),
            EvaluateCommand.Create(context),
            ForgetCommand.Create(context),
            ExcludeCommand.Create(context),
            MergeCommand.Create(context),
        };
        var invocation = new InvocationConfiguration { Output = output, Error = error };
        // No response files: "@example.com" is a domain to `exclude`, not a file to read arguments from.
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
        return root.Parse(args, parser).InvokeAsync(invocation, cancellationToken);
    }
}

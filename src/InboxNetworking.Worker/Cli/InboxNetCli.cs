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
        };
        var invocation = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}

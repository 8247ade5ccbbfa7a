using InboxNetworking.Worker.Cli;

return await InboxNetCli.RunAsync(args, Console.Out, Console.Error, TimeProvider.System, CancellationToken.None);

using InboxNetworking.Benchmarks;

// Hot-path benchmarks, each against a named baseline measured in the same run (a ratio, since these
// machines are noisy). Not part of the test suite: see README "Benchmarks".
var mode = args.FirstOrDefault() ?? "all";
var corpora = Environment.GetEnvironmentVariable("INBOXNET_CORPORA") ?? Path.GetFullPath("../shared/corpora");
var results = new List<string>();
if (mode is "ingest" or "all")
    results.Add(await IngestBenchmark.RunAsync(corpora, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000));
if (mode is "analysis" or "all")
    results.Add(AnalysisBenchmark.Run(args.Length > 1 && mode == "analysis" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000));
if (mode is "imap" or "all" && OperatingSystem.IsLinux())
    results.Add(await ImapBenchmark.RunAsync(args.Length > 1 && mode == "imap" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000));
if (mode is "capacity" or "all" && OperatingSystem.IsLinux())
    results.Add(await CapacityBenchmark.RunAsync(args.Length > 1 && mode == "capacity" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60));
if (mode is "graph" or "all")
    results.Add(await GraphBenchmark.RunAsync(args.Length > 1 && mode == "graph" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000));
if (mode is "scoring" or "all")
    results.Add(ScoringBenchmark.Run(args.Length > 1 && mode == "scoring" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000));
if (mode is "report" or "all")
    results.Add(await ReportBenchmark.RunAsync());
Console.WriteLine();
foreach (var r in results)
    Console.WriteLine(r);

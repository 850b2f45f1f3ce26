using BedCoord.Bench;

// Usage: dotnet run -c Release --project bench/BedCoord.Bench -- updates|boards|cluster|failover|all|history-writes|history-reads|history-growth [--quick]
//        ... -- generate-national [--establishments=3000] [--units=60000] [--seed=N] [--no-initial] > national.json
//        ... -- outlook-backtest [--url=] [--every=6]
ThreadPool.SetMinThreads(64, 64);
var command = args.FirstOrDefault() ?? "all";
if (command == "board-clients") return await BoardClients.RunAsync(args);
if (command == "generate-national")
{
    await using var stdout = Console.OpenStandardOutput();
    NationalTerritory.Write(stdout, NationalSize.Parse(args.Skip(1)));
    return 0;
}
int IntArg(string name, int fallback) => args.FirstOrDefault(a => a.StartsWith($"--{name}=")) is { } a ? int.Parse(a[(name.Length + 3)..]) : fallback;
var options = args.Contains("--quick") ? Options.Quick : new Options();
// A longer warm-up lets the JIT finish tiering up before the measured window (a real server runs for days).
if (args.FirstOrDefault(a => a.StartsWith("--warmup=")) is { } warmup)
    options = options with { WarmupSeconds = int.Parse(warmup["--warmup=".Length..]) };
// A lower open-loop rate compares CPU per update of two builds at a rate both sustain on a loaded machine.
if (args.Any(a => a.StartsWith("--open-rate="))) options = options with { OpenRate = IntArg("open-rate", 500) };
Console.WriteLine($"[machine] {Machine.Describe()}");
var code = command switch
{
    "updates" => await Updates.RunAsync(options),
    "boards" => await Boards.RunAsync(options),
    "cluster" => await ClusterBench.RunAsync(options),
    "failover" => await ClusterBench.RunAsync(options, soak: false),
    "all" => await Updates.RunAsync(options) + await Boards.RunAsync(options),
    "history-writes" => await HistoryWrites.RunAsync(options, IntArg("rounds", 1)),
    "history-reads" => await HistoryReads.RunAsync(HistoryReadOptions.Parse(args, args.Contains("--quick")), IntArg("growth-minutes", 0)),
    "history-growth" => await HistoryGrowth.RunAsync(NationalSize.Parse(args), IntArg("minutes", args.Contains("--quick") ? 1 : 5)),
    "outlook-backtest" => await OutlookBacktest.RunAsync(args),
    "national-start" => await NationalStart.RunAsync(NationalSize.Parse(args), IntArg("restarts", args.Contains("--quick") ? 1 : 5), args.Contains("--kill")),
    "exchange" => await ExchangeBench.RunAsync(ExchangeBench.ExchangeOptions.Parse(args)),
    "crisis" => await CrisisBench.RunAsync(options, IntArg("chain", args.Contains("--quick") ? 500 : 10_000)),
    "national-soak" => await NationalSoak.RunAsync(NationalSize.Parse(args), IntArg("minutes", args.Contains("--quick") ? 1 : 10), IntArg("rate", 200)),
    "national-cluster" => await NationalClusterBench.RunAsync(NationalSize.Parse(args), NationalClusterOptions.Parse(args)),
    _ => Usage(),
};
Console.WriteLine($"[machine] at the end: loadavg=\"{Machine.LoadAverage()}\"");
return code;

static int Usage()
{
    Console.Error.WriteLine("usage: BedCoord.Bench updates|boards|cluster|failover|all|history-writes|history-reads|history-growth [--quick]");
    Console.Error.WriteLine("       BedCoord.Bench generate-national [--establishments=3000] [--units=60000] [--seed=N] [--no-initial] > national.json");
    Console.Error.WriteLine("       BedCoord.Bench outlook-backtest [--url=] [--every=6]");
    Console.Error.WriteLine("       BedCoord.Bench national-start [--restarts=5] [--kill] [--establishments=3000] [--units=60000]");
    Console.Error.WriteLine("       BedCoord.Bench crisis [--chain=10000] [--quick]");
    Console.Error.WriteLine("       BedCoord.Bench national-soak [--minutes=10] [--rate=200] [--establishments=3000] [--units=60000]");
    Console.Error.WriteLine("       BedCoord.Bench national-cluster [--rate=200] [--warm=30] [--watch=30] [--settle=15] [--units-per-region=200] [--establishments=3000] [--units=60000] [--quick]");
    return 2;
}

namespace BedCoord.Bench
{
    public sealed record Options
    {
        public int PgbenchSeconds { get; init; } = 20;
        public int Workers { get; init; } = 48;
        public int WarmupSeconds { get; init; } = 60;
        public int MeasureSeconds { get; init; } = 20;
        public double OpenRate { get; init; } = 500;
        public int OpenSeconds { get; init; } = 20;
        public double ProbeRate { get; init; } = 10;
        public int Boards { get; init; } = 500;
        public double SlowRate { get; init; } = 20;
        public double FastRate { get; init; } = 1000;
        public int BoardSeconds { get; init; } = 15;
        public double SoakRate { get; init; } = 1000;
        public int SoakSeconds { get; init; } = 600;
        public int SoakSampleSeconds { get; init; } = 60;
        public double FailoverRate { get; init; } = 100;
        public int FailoverWarmSeconds { get; init; } = 10;
        public int FailoverSeconds { get; init; } = 60;

        /// <summary>A few seconds per phase: to check the bench itself works, not for figures.</summary>
        public static Options Quick => new() { PgbenchSeconds = 3, WarmupSeconds = 1, MeasureSeconds = 3, OpenSeconds = 3, Boards = 50, BoardSeconds = 3,
            SoakSeconds = 10, SoakSampleSeconds = 5, FailoverWarmSeconds = 3, FailoverSeconds = 30 };
    }
}

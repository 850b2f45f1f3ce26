using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Bench;

/// <summary>
/// One simulated board: subscribed to region:OCC and one département, it holds both as a board does
/// (snapshot, then numbered changes applied in order; a gap makes it subscribe again) and records when the
/// region's installed total changed, the figure the probes move.
/// </summary>
public sealed class BenchBoard(HubConnection connection, string department)
{
    public HubConnection Connection { get; } = connection;
    public string Department { get; } = department;
    public readonly List<(long At, int Installed)> RegionPushes = new();
    public HeldScope? Region, Dept;
    public long RegionAt, DeptAt, Deliveries, Resyncs;
    private readonly Lock _gate = new();

    public void OnSnapshot(SnapshotLite s)
    {
        if (s.Summary is null) return;
        Held(s.Summary.Id == "OCC", HeldScope.From(s.Summary, s.Epoch, s.Seq));
    }

    /// <summary>A server without deltas pushes the scope whole on each change.</summary>
    public void OnSummary(ScopeLite s) => Held(s.Id == "OCC", HeldScope.From(s, 0, 0));

    public void OnDelta(DeltaLite d)
    {
        var region = d.Figures?.Id == "OCC";
        lock (_gate)
        {
            Interlocked.Increment(ref Deliveries);
            var held = region ? Region : Dept;
            if (held is null) return;
            if (!held.Apply(d))
            {
                Resyncs++;
                _ = Connection.InvokeAsync("Subscribe", d.Scope);
                return;
            }
            Touch(region, held);
        }
    }

    private void Held(bool region, HeldScope held)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref Deliveries);
            if (region) Region = held; else Dept = held;
            Touch(region, held);
        }
    }

    private void Touch(bool region, HeldScope held)
    {
        var now = Stopwatch.GetTimestamp();
        if (region) { RegionPushes.Add((now, held.Figures.Beds?.Installed ?? -1)); RegionAt = now; }
        else DeptAt = now;
    }

    public (long At, int Installed)[] TakePushes() { lock (_gate) return RegionPushes.ToArray(); }
    public void ClearPushes() { lock (_gate) RegionPushes.Clear(); }
    public (HeldScope? Region, HeldScope? Dept, long RegionAt, long DeptAt) State() { lock (_gate) return (Region, Dept, RegionAt, DeptAt); }
}

/// <summary>What the measuring process asks the clients' process after a phase.</summary>
public sealed record BoardReportRequest(long TEnd, List<long[]> Probes, string RegionState, Dictionary<string, string> DepartmentStates);

public sealed record BoardReport(string Latency, double LatencyP99, int Before200, int Missing, long Deliveries, int NotLatest, string Hold, double HoldP99,
    double HoldWithin250, long Resyncs);

/// <summary>
/// `board-clients`: the 500 boards, in a process of their own so that their CPU is measured apart from the
/// server's. Driven over stdin by `boards` ("mark", "report FILE", "quit"); answers on stdout lines starting "@".
/// </summary>
public static class BoardClients
{
    public static string StateOf(long revision, BedsLite? beds) => $"{revision} {beds}";

    /// <summary>Percentiles of no samples are NaN: written as such between the two processes.</summary>
    public static readonly JsonSerializerOptions Wire = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name) => args.First(a => a.StartsWith($"--{name}="))[(name.Length + 3)..];
        var url = new Uri(Arg("url"));
        var token = Arg("token");
        var count = int.Parse(Arg("boards"));
        var departments = Arg("departments").Split(',');
        var boards = new BenchBoard[count];
        var sw = Stopwatch.StartNew();
        await Updates.ForEachAsync(Enumerable.Range(0, count).ToList(), 16, async (i, _) =>
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(url, "/hubs/board"), c =>
                {
                    c.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    c.Transports = HttpTransportType.WebSockets;
                    c.SkipNegotiation = true;
                })
                .Build();
            var board = new BenchBoard(connection, departments[i % departments.Length]);
            connection.On<SnapshotLite>("snapshot", board.OnSnapshot);
            connection.On<DeltaLite>("delta", board.OnDelta);
            connection.On<ScopeLite>("summary", board.OnSummary);
            await connection.StartAsync();
            await connection.InvokeAsync("Subscribe", "region:OCC");
            await connection.InvokeAsync("Subscribe", "department:" + board.Department);
            boards[i] = board;
        });
        Console.WriteLine($"@connected {sw.Elapsed.TotalSeconds:F1}");
        long deliveries0 = 0;
        while (Console.ReadLine() is { } line)
        {
            if (line == "mark")
            {
                foreach (var b in boards) b.ClearPushes();
                deliveries0 = boards.Sum(b => Interlocked.Read(ref b.Deliveries));
                Console.WriteLine("@ok");
            }
            else if (line.StartsWith("report "))
            {
                var request = JsonSerializer.Deserialize<BoardReportRequest>(File.ReadAllText(line[7..]))!;
                var report = Report(boards, request, boards.Sum(b => Interlocked.Read(ref b.Deliveries)) - deliveries0);
                Console.WriteLine("@" + JsonSerializer.Serialize(report, Wire));
            }
            else if (line == "quit") break;
        }
        foreach (var b in boards) await b.Connection.DisposeAsync();
        return 0;
    }

    private static BoardReport Report(BenchBoard[] boards, BoardReportRequest request, long deliveries)
    {
        // 200 -> first region state holding the probe, per board and probe.
        var latency = new Samples(); var before200 = 0; var missing = 0;
        foreach (var b in boards)
        {
            var pushes = b.TakePushes();
            var prefixMax = new int[pushes.Length];
            for (var k = 0; k < pushes.Length; k++) prefixMax[k] = Math.Max(k == 0 ? int.MinValue : prefixMax[k - 1], pushes[k].Installed);
            foreach (var probe in request.Probes)
            {
                var (expected, t200) = ((int)probe[0], probe[1]);
                var idx = LowerBound(prefixMax, expected);
                if (idx >= pushes.Length) { missing++; continue; }
                if (pushes[idx].At < t200) before200++;
                latency.AddTicks(Math.Max(0, pushes[idx].At - t200));
            }
        }
        // Once quiet: does each board hold the latest region and département, and since when after the last 200?
        var hold = new Samples(); var notLatest = 0;
        foreach (var b in boards)
        {
            var (region, dept, regionAt, deptAt) = b.State();
            if (region is null || dept is null || StateOf(region.Figures.Revision, region.Figures.Beds) != request.RegionState
                || StateOf(dept.Figures.Revision, dept.Figures.Beds) != request.DepartmentStates[b.Department]) { notLatest++; continue; }
            hold.AddTicks(Math.Max(0, Math.Max(regionAt, deptAt) - request.TEnd));
        }
        return new BoardReport(latency.Describe(), latency.P(99), before200, missing, deliveries, notLatest, hold.Describe(), hold.P(99),
            hold.FractionBelow(250), boards.Sum(b => b.Resyncs));
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) / 2; if (sorted[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }
}

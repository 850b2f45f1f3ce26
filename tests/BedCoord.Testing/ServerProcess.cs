using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace BedCoord.Testing;

/// <summary>
/// A real BedCoord server process (Kestrel + co-hosted silo) on free 127.0.0.1 ports, against the given
/// database. Stop sends SIGTERM and waits (a clean shutdown); Kill is SIGKILL.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string SigningKey = "bedcoord-tests-signing-key";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    public Uri BaseAddress { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public string Log => string.Join('\n', _log);
    public bool HasExited => _process.HasExited;
    public int Id => _process.Id;

    private ServerProcess(Process process, Uri baseAddress, int siloPort, int gatewayPort)
    {
        _process = process;
        BaseAddress = baseAddress;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Append(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Append(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void Append(string line)
    {
        _log.Enqueue(line);
        while (_log.Count > 2000) _log.TryDequeue(out _);
    }

    /// <summary>Starts a server with the demo territory and dev tokens, and waits until it is ready.</summary>
    /// <param name="readyPath">"/health/live" to return before the silo and storage answer.</param>
    public static async Task<ServerProcess> StartAsync(string connectionString, IDictionary<string, string>? settings = null,
        TimeSpan? readyTimeout = null, string readyPath = "/health/ready")
    {
        if (!File.Exists(RepoPaths.ServerDll))
            throw new FileNotFoundException($"Build the server first ({RepoPaths.ServerDll} is missing).");
        var port = FreePorts.Next();
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var all = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings:BedCoord"] = connectionString,
            ["Cluster:SiloPort"] = siloPort.ToString(),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(),
            ["Cluster:ServiceId"] = "bedcoord-tests",
            ["Auth:DevTokens"] = "true",
            ["Auth:SigningKey"] = SigningKey,
            ["Demo:Seed"] = "true",
            // Twelve weeks of generated past would cost every test server a minute; the history tests write their own.
            ["Demo:History"] = "false",
            // The demo's crisis cell declares plans blancs: tests that need one say so, the others keep levels to themselves.
            ["Demo:Crisis"] = "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) all[k] = v;

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepoPaths.ServerDll);
        foreach (var (k, v) in all) { info.ArgumentList.Add($"--{k}"); info.ArgumentList.Add(v); }
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var server = new ServerProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"), siloPort, gatewayPort);
        try { await server.WaitReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(90), readyPath); }
        catch
        {
            // Nobody holds a reference to a server that never got ready: stop it here or it outlives the caller.
            server.Kill();
            throw;
        }
        return server;
    }

    public async Task WaitReadyAsync(TimeSpan timeout, string path = "/health/ready")
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Server exited with {_process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync(path)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Server not ready after {timeout}:\n{Log}");
    }

    /// <summary>An HTTP client with a dev token of the given role and scope.</summary>
    public async Task<HttpClient> ClientAsync(string role, string[]? establishments = null, string[]? sectors = null,
        string? region = "OCC", string sub = "test-user")
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var token = await TokenAsync(role, establishments, sectors, region, sub);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async Task<string> TokenAsync(string role, string[]? establishments = null, string[]? sectors = null,
        string? region = "OCC", string sub = "test-user")
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var response = await http.PostAsJsonAsync("/api/dev/token",
            new { sub, role, establishments = establishments ?? [], sectors = sectors ?? [], region });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Clean shutdown: the silo deactivates its grains and writes what it holds.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { Kill(); }
    }

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}

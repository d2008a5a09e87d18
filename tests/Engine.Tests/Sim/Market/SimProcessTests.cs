using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Cli;
using Engine.Tests.Support;

namespace Engine.Tests.Sim.Market;

/// <summary>The built <c>engine sim</c> as a child process: its listening line, frames of every input symbol, SIGTERM, bad input.</summary>
public sealed partial class SimProcessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static string Trades(string file) => RepoData.Path("binance", "trades", "futures_um", file);

    [Fact]
    public async Task Sim_PrintsItsListeningLine_PlaysEverySymbolOfItsInputs_AndExitsZeroOnSigterm()
    {
        using Process sim = Start(
            Trades("BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz"),
            Trades("ETHUSDT-trades-ws-20240808T2354Z-20240809T0000Z.csv.gz"),
            "--port", "0", "--speed", "5");
        Task<string> error = sim.StandardError.ReadToEndAsync();
        try
        {
            string? first = await sim.StandardOutput.ReadLineAsync().WaitAsync(Wait);
            Match listening = ListeningLine().Match(first ?? "");
            Assert.True(listening.Success, $"first line: {first}");
            Task<string> rest = sim.StandardOutput.ReadToEndAsync();

            var seen = new HashSet<string>();
            var server = new Uri($"ws://127.0.0.1:{listening.Groups[1].Value}/market/stream?streams=btcusdt@trade/ethusdt@trade");
            using (var socket = new System.Net.WebSockets.ClientWebSocket())
            {
                await socket.ConnectAsync(server, CancellationToken.None).WaitAsync(Wait);
                byte[] buffer = new byte[1 << 16];
                using var cts = new CancellationTokenSource(Wait);
                while (seen.Count < 2)
                {
                    var r = await socket.ReceiveAsync(buffer, cts.Token);
                    using JsonDocument doc = JsonDocument.Parse(buffer.AsMemory(0, r.Count));
                    seen.Add(doc.RootElement.GetProperty("data").GetProperty("s").GetString()!);
                }
            }

            Assert.Equal(["BTCUSDT", "ETHUSDT"], seen.Order());
            Signal(sim, "TERM");
            await sim.WaitForExitAsync().WaitAsync(Wait);
            Assert.True(sim.ExitCode == ExitCodes.Ok, await error);
            Assert.Contains("sim: stopping", await rest, StringComparison.Ordinal);
        }
        finally
        {
            if (!sim.HasExited)
            {
                sim.Kill();
            }
        }
    }

    [Fact]
    public async Task Sim_WithAMissingInput_SaysSo_AndExitsNonZero()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-trades-" + Guid.NewGuid().ToString("N") + ".csv");
        using Process sim = Start(missing, "--port", "0");
        Task<string> output = sim.StandardOutput.ReadToEndAsync();
        string error = await sim.StandardError.ReadToEndAsync().WaitAsync(Wait);
        await sim.WaitForExitAsync().WaitAsync(Wait);
        Assert.NotEqual(ExitCodes.Ok, sim.ExitCode);
        Assert.Contains(Path.GetFileName(missing), error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // a message, not a stack trace
        Assert.DoesNotContain("sim: listening", await output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^sim: listening http://127\.0\.0\.1:([0-9]+)$")]
    private static partial Regex ListeningLine();

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "engine.dll"));
        start.ArgumentList.Add("sim");
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static void Signal(Process process, string signal)
    {
        using Process kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}

using System.Text.Json;
using Engine.Cli.Control;
using Engine.Model;
using Engine.Pipeline;
using Engine.Risk;

namespace Engine.Tests.Cli.Control;

/// <summary>The control socket with a stand-in engine: what it posts, when it answers, and what it refuses.</summary>
public sealed class ControlServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-ctl-").FullName;
    private readonly List<OperatorCommand> _posted = [];
    private AccountFigures _figures;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A stand-in engine thread: applies each posted command at once (halt → HALTED, two cancels sent).</summary>
    private bool Publish(OperatorCommand c)
    {
        lock (_posted)
        {
            _posted.Add(c);
            AccountFigures f = _figures;
            f.OperatorCommands++;
            f.State = c.Kind == OperatorCommandKind.Resume ? TradingState.Active : TradingState.Halted;
            f.Cancels += 2;
            f.WorkingOrders = 1;
            _figures = f;
        }

        return true;
    }

    private AccountFigures Read()
    {
        lock (_posted)
        {
            return _figures;
        }
    }

    [Fact]
    public async Task Halt_OverTheSocket_IsPostedAsAnOperatorCommand_AndTheAnswerSaysWhatTheEngineDid()
    {
        using var server = new ControlServer(_dir, Publish, Read);
        server.Start();

        string line = await ControlClient.SendAsync(_dir, "halt", TimeSpan.FromSeconds(10));

        OperatorCommand posted = Assert.Single(_posted);
        Assert.Equal((OperatorCommandKind.Halt, SymbolId.None, 0L), (posted.Kind, posted.Symbol, posted.TimeMs));
        using JsonDocument answer = JsonDocument.Parse(line);
        Assert.True(answer.RootElement.GetProperty("applied").GetBoolean());
        Assert.Equal("HALTED", answer.RootElement.GetProperty("state").GetString());
        Assert.Equal(2, answer.RootElement.GetProperty("cancelsSent").GetInt64());
        Assert.Equal(1, answer.RootElement.GetProperty("workingOrders").GetInt32());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Socket_IsOwnerOnly_InAnOwnerOnlyDirectory_WithinTheKernelsPathLimit_AndFoundFromTheRunDirectory()
    {
        using var server = new ControlServer(_dir, Publish, Read);
        server.Start();

        string path = ControlEndpoint.ReadPointer(_dir);
        Assert.Equal(server.SocketPath, path);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(path) <= 107);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));

        server.Dispose();
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(Path.Combine(_dir, ControlEndpoint.PointerFileName)));
    }

    [Fact]
    public void DeepRunDirectory_StillGetsAShortSocketPath()
    {
        string deep = Path.Combine(_dir, new string('d', 200));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(ControlEndpoint.SocketPathFor(deep)) <= ControlEndpoint.MaxPathBytes);
        Assert.NotEqual(ControlEndpoint.SocketPathFor(deep), ControlEndpoint.SocketPathFor(_dir)); // one socket per run directory
    }

    [Fact]
    public async Task UnknownWord_IsRefused_AndNothingIsPosted()
    {
        using var server = new ControlServer(_dir, Publish, Read);
        ControlAnswer a = await server.AnswerAsync("rm -rf", CancellationToken.None);
        Assert.False(a.Applied);
        Assert.Contains("unknown command", a.Message, StringComparison.Ordinal);
        Assert.Empty(_posted);
    }

    [Fact]
    public async Task EngineThatNeverApplies_AnswersNotAppliedAfterTheTimeout()
    {
        using var server = new ControlServer(_dir, _ => true, () => default) { ApplyTimeout = TimeSpan.FromMilliseconds(50) };
        ControlAnswer a = await server.AnswerAsync("flatten", CancellationToken.None);
        Assert.False(a.Applied);
        Assert.Contains("did not apply", a.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoRunningEngine_ClientSaysSo()
    {
        IOException e = await Assert.ThrowsAnyAsync<IOException>(() => ControlClient.SendAsync(_dir, "status", TimeSpan.FromSeconds(5)));
        Assert.Contains("no engine is running", e.Message, StringComparison.Ordinal);
    }
}

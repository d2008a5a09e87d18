using System.Net.Sockets;
using System.Text;

namespace Engine.Cli.Control;

/// <summary>The <c>engine ctl</c> side: sends one command word to a running engine's control socket and returns its answer line.</summary>
public static class ControlClient
{
    public static async Task<string> SendAsync(string runDirectory, string word, TimeSpan timeout)
    {
        string path = ControlEndpoint.ReadPointer(runDirectory);
        using var cancel = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancel.Token).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new IOException($"{path}: cannot connect ({e.SocketErrorCode}): the engine of {runDirectory} is not running", e);
        }

        using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(word + "\n"), cancel.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return (await reader.ReadLineAsync(cancel.Token).ConfigureAwait(false))
            ?? throw new IOException($"{path}: the engine closed the connection without an answer");
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Engine.Tests.Binance.Live.Alerts;

/// <summary>
/// A local webhook (<see cref="HttpListener"/> on a free loopback port): records every POST's content type and body and
/// answers <see cref="Status"/>; while <see cref="Hold"/> is not set, requests wait (a webhook that hangs).
/// </summary>
internal sealed class WebhookListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string ContentType, string Body)> _posts = [];
    private readonly Task _loop;

    public WebhookListener()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/hook/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook/";

    public int Status { get; set; } = 200;

    /// <summary>Set: requests are answered; reset: they wait.</summary>
    public ManualResetEventSlim Hold { get; } = new(true);

    /// <summary>Requests that arrived (answered or waiting).</summary>
    public int Arrived;

    public IReadOnlyList<(string ContentType, string Body)> Posts
    {
        get
        {
            lock (_posts)
            {
                return [.. _posts];
            }
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref Arrived);
            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        string body = reader.ReadToEnd();
        Hold.Wait(TimeSpan.FromSeconds(60));
        lock (_posts)
        {
            _posts.Add((context.Request.ContentType ?? "", body));
        }

        try
        {
            context.Response.StatusCode = Status;
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        Hold.Set();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        Hold.Dispose();
    }
}

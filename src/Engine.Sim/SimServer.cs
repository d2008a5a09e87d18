using System.Net;
using Engine.Sim.Market;
using Engine.Sim.Trading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engine.Sim;

/// <summary>
/// Hosts a <see cref="SimExchange"/> on 127.0.0.1 over real sockets: REST, WS market streams, the user data stream
/// and the WS API share one port under Binance's paths. Tests host it in-process on port 0; <c>engine sim</c> hosts it
/// as a process. Dispose stops it (open sockets are aborted).
/// </summary>
public sealed class SimServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimServer(WebApplication app, SimExchange exchange, Uri baseAddress)
    {
        _app = app;
        Exchange = exchange;
        BaseAddress = baseAddress;
    }

    public SimExchange Exchange { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, no trailing slash in its string form.</summary>
    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    /// <summary>The line <c>engine sim</c> prints first: <c>sim: listening http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string ListeningLine => $"sim: listening http://127.0.0.1:{Port}";

    public static async Task<SimServer> StartAsync(SimExchange exchange, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, exchange.Options.Port);
            k.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        WebApplication app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan }); // pings are the sim's own (Binance's rules)
        MarketEndpoints.Map(app, exchange);
        TradingEndpoints.Map(app, exchange);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address);
        exchange.Start();
        return new SimServer(app, exchange, new Uri($"http://127.0.0.1:{bound.Port}"));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            Exchange.Dispose();
        }
    }
}

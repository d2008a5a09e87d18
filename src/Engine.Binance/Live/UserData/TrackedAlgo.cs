using Engine.Binance.Live.Orders;
using Engine.Model;

namespace Engine.Binance.Live.UserData;

/// <summary>The last status the user stream saw of one of the engine's conditional (algo) orders.</summary>
internal readonly record struct TrackedAlgo(ClientOrderId ClientId, SymbolId Symbol, VenueOrderStatus Status);

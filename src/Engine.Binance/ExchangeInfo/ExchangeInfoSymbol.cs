using Engine.Model;

namespace Engine.Binance.ExchangeInfo;

/// <summary>One symbol of an <c>exchangeInfo</c> answer: its name, trading status, contract type and filters.</summary>
/// <param name="Symbol">Venue symbol, e.g. <c>BTCUSDT</c>.</param>
/// <param name="Status"><c>TRADING</c>, <c>SETTLING</c>, ... (empty when absent).</param>
/// <param name="ContractType"><c>PERPETUAL</c>, <c>CURRENT_QUARTER</c>, ... (empty for spot).</param>
/// <param name="Filters">The filters in fixed point.</param>
public sealed record ExchangeInfoSymbol(string Symbol, string Status, string ContractType, SymbolFilters Filters);

import { describe, expect, it } from 'vitest';

import { parsePythonLiteral } from './python-literal';

describe('parsePythonLiteral', () => {
  it('parses a FastF1 recording line (with_errors.txt line 13)', () => {
    const line =
      "['WeatherData', {'AirTemp': '20.5', 'Humidity': '53.6', 'Pressure': '1014.9', 'Rainfall': '0', 'TrackTemp': '28.6', 'WindDirection': '358', 'WindSpeed': '1.1', '_kf': True}, '2021-03-28T14:56:43.048Z']";
    expect(parsePythonLiteral(line)).toEqual([
      'WeatherData',
      {
        AirTemp: '20.5',
        Humidity: '53.6',
        Pressure: '1014.9',
        Rainfall: '0',
        TrackTemp: '28.6',
        WindDirection: '358',
        WindSpeed: '1.1',
        _kf: true,
      },
      '2021-03-28T14:56:43.048Z',
    ]);
  });

  it('keeps apostrophes and the word True inside strings, which quote swapping would break', () => {
    expect(
      parsePythonLiteral(
        `{'Message': "CAR 3 (RIC) TIME 1:32.1 DELETED - TRACK LIMITS AT TURN 4 'True'", 'Lap': -1, 'X': 1.5e3, 'Y': None}`,
      ),
    ).toEqual({
      Message: "CAR 3 (RIC) TIME 1:32.1 DELETED - TRACK LIMITS AT TURN 4 'True'",
      Lap: -1,
      X: 1500,
      Y: null,
    });
  });

  it('decodes escapes and accepts trailing commas', () => {
    expect(parsePythonLiteral("['S\\xe3o Paulo', 'it\\'s', 'a\\\\b', (1, 2,),]")).toEqual([
      'São Paulo',
      "it's",
      'a\\b',
      [1, 2],
    ]);
  });

  it('reports where the text stops being a literal', () => {
    expect(() => parsePythonLiteral("['RaceControlMessages', 06', 'Lap': 1]")).toThrow(
      /expected ',' or '\]' at position 26/,
    );
    expect(() => parsePythonLiteral("['Heartbeat', {'_kf': True}, '2021-03-28T14:52:32.124219Z'")).toThrow(
      /unexpected end of input, expected '\]'/,
    );
    expect(() => parsePythonLiteral("['x'] trailing")).toThrow(/after the value/);
  });
});

// generated — do not edit.
// Written by `pnpm --filter @crm-lens/charts build:specs` (scripts/compile-specs.ts): each builder's default
// spec compiled from vega-lite to vega, so that no page loads vega-lite. test/compiled-specs.test.ts fails
// when this file differs from a fresh compilation.
// biome-ignore-all format: generated; compared byte for byte with a fresh compilation
//
// Each spec is asserted to vega's `Spec` type: vega-typings lists only vega's built-in range names (vega
// resolves any name in `config.range`, and these specs use our own), and vega-lite writes empty `format`
// objects. Both are valid vega; the tests parse and render every spec.
import type { Spec } from 'vega';

/** `pyramidSpec()` compiled to vega. */
export const pyramidVegaSpec = {
  "$schema": "https://vega.github.io/schema/vega/v6.json",
  "description": "Customer-value pyramid",
  "autosize": {
    "type": "fit",
    "contains": "padding"
  },
  "padding": 5,
  "width": 480,
  "height": 260,
  "style": "cell",
  "encode": {
    "update": {
      "stroke": {
        "value": null
      }
    }
  },
  "data": [
    {
      "name": "tiers"
    },
    {
      "name": "data_0",
      "source": "tiers",
      "transform": [
        {
          "type": "formula",
          "expr": "indexof([\"platinum\",\"gold\",\"iron\",\"lead\"], datum.tier)",
          "as": "rank"
        },
        {
          "type": "formula",
          "expr": "datum.selected ? 1 : 0",
          "as": "isSelected"
        },
        {
          "type": "joinaggregate",
          "as": [
            "anySelected"
          ],
          "ops": [
            "max"
          ],
          "fields": [
            "isSelected"
          ]
        },
        {
          "type": "formula",
          "expr": "datum.rank + 0.5",
          "as": "middle"
        },
        {
          "type": "filter",
          "expr": "datum.rank >= 0"
        }
      ]
    },
    {
      "name": "data_1",
      "source": "data_0",
      "transform": [
        {
          "type": "formula",
          "expr": "[datum.rank + 0.04, datum.rank + 0.96]",
          "as": "level"
        },
        {
          "type": "flatten",
          "fields": [
            "level"
          ],
          "as": [
            "level"
          ]
        },
        {
          "type": "formula",
          "expr": "0.5 - (0.2 + 0.8 * (datum.level) / 4) / 2",
          "as": "left"
        },
        {
          "type": "formula",
          "expr": "0.5 + (0.2 + 0.8 * (datum.level) / 4) / 2",
          "as": "right"
        }
      ]
    },
    {
      "name": "data_2",
      "source": "data_0",
      "transform": [
        {
          "type": "filter",
          "expr": "isValid(datum[\"middle\"]) && isFinite(+datum[\"middle\"])"
        }
      ]
    },
    {
      "name": "data_3",
      "source": "data_0",
      "transform": [
        {
          "type": "formula",
          "expr": "[datum.countText, datum.shareText]",
          "as": "detailLines"
        },
        {
          "type": "filter",
          "expr": "isValid(datum[\"middle\"]) && isFinite(+datum[\"middle\"])"
        }
      ]
    }
  ],
  "marks": [
    {
      "name": "layer_0_pathgroup",
      "type": "group",
      "from": {
        "facet": {
          "name": "faceted_path_layer_0_main",
          "data": "data_1",
          "groupby": [
            "tier"
          ]
        }
      },
      "encode": {
        "update": {
          "width": {
            "field": {
              "group": "width"
            }
          },
          "height": {
            "field": {
              "group": "height"
            }
          }
        }
      },
      "marks": [
        {
          "name": "layer_0_marks",
          "type": "area",
          "style": [
            "area",
            "lens-band"
          ],
          "sort": {
            "field": "y"
          },
          "from": {
            "data": "faceted_path_layer_0_main"
          },
          "encode": {
            "update": {
              "description": {
                "signal": "datum.label + ': ' + datum.countText + ', ' + datum.shareText"
              },
              "orient": {
                "value": "horizontal"
              },
              "cursor": {
                "value": "pointer"
              },
              "tooltip": {
                "signal": "datum.tooltip"
              },
              "fill": {
                "scale": "layer_0_color",
                "field": "tier"
              },
              "fillOpacity": [
                {
                  "test": "datum.selected || !datum.anySelected",
                  "value": 1
                },
                {
                  "value": 0.45
                }
              ],
              "strokeWidth": [
                {
                  "test": "datum.selected",
                  "value": 2.5
                },
                {
                  "value": 0
                }
              ],
              "x": {
                "scale": "x",
                "field": "left"
              },
              "x2": {
                "scale": "x",
                "field": "right"
              },
              "y": {
                "scale": "y",
                "field": "level"
              },
              "defined": {
                "signal": "isValid(datum[\"left\"]) && isFinite(+datum[\"left\"]) && isValid(datum[\"level\"]) && isFinite(+datum[\"level\"])"
              }
            }
          }
        }
      ]
    },
    {
      "name": "layer_1_marks",
      "type": "text",
      "style": [
        "text",
        "lens-band-label"
      ],
      "aria": false,
      "from": {
        "data": "data_2"
      },
      "encode": {
        "update": {
          "cursor": {
            "value": "pointer"
          },
          "tooltip": {
            "signal": "datum.tooltip"
          },
          "fill": {
            "scale": "layer_1_color",
            "field": "tier"
          },
          "x": {
            "scale": "x",
            "value": 0.5
          },
          "y": {
            "scale": "y",
            "field": "middle"
          },
          "text": {
            "signal": "isValid(datum[\"label\"]) ? datum[\"label\"] : \"\"+datum[\"label\"]"
          },
          "align": {
            "value": "center"
          },
          "baseline": {
            "value": "middle"
          }
        }
      }
    },
    {
      "name": "layer_2_marks",
      "type": "text",
      "style": [
        "text",
        "lens-annotation"
      ],
      "aria": false,
      "from": {
        "data": "data_3"
      },
      "encode": {
        "update": {
          "align": {
            "value": "left"
          },
          "dx": {
            "value": 12
          },
          "lineHeight": {
            "value": 16
          },
          "cursor": {
            "value": "pointer"
          },
          "tooltip": {
            "signal": "datum.tooltip"
          },
          "x": {
            "scale": "x",
            "value": 1
          },
          "y": {
            "scale": "y",
            "field": "middle"
          },
          "text": {
            "signal": "isValid(datum[\"detailLines\"]) ? datum[\"detailLines\"] : \"\"+datum[\"detailLines\"]"
          },
          "baseline": {
            "value": "middle"
          }
        }
      }
    }
  ],
  "scales": [
    {
      "name": "x",
      "type": "linear",
      "domain": [
        0,
        1
      ],
      "range": [
        0,
        {
          "signal": "width * 0.6"
        }
      ],
      "zero": true
    },
    {
      "name": "y",
      "type": "linear",
      "domain": [
        0,
        4
      ],
      "range": [
        {
          "signal": "height"
        },
        0
      ],
      "reverse": true,
      "zero": true
    },
    {
      "name": "layer_0_color",
      "type": "ordinal",
      "domain": [
        "platinum",
        "gold",
        "iron",
        "lead"
      ],
      "range": "lens-tier"
    },
    {
      "name": "layer_1_color",
      "type": "ordinal",
      "domain": [
        "platinum",
        "gold",
        "iron",
        "lead"
      ],
      "range": "lens-tier-text"
    }
  ]
} as unknown as Spec;

/** `quadrantSpec()` compiled to vega. */
export const quadrantVegaSpec = {
  "$schema": "https://vega.github.io/schema/vega/v6.json",
  "description": "Customer-value quadrant",
  "autosize": {
    "type": "fit",
    "contains": "padding"
  },
  "padding": 5,
  "width": 480,
  "height": 360,
  "style": "cell",
  "data": [
    {
      "name": "customers"
    },
    {
      "name": "thresholds",
      "format": {}
    },
    {
      "name": "quadrants",
      "format": {}
    },
    {
      "name": "data_0",
      "source": "customers",
      "transform": [
        {
          "type": "filter",
          "expr": "isValid(datum[\"current\"]) && isFinite(+datum[\"current\"]) && isValid(datum[\"potential\"]) && isFinite(+datum[\"potential\"])"
        }
      ]
    },
    {
      "name": "data_2",
      "source": "thresholds",
      "transform": [
        {
          "type": "filter",
          "expr": "isValid(datum[\"current\"]) && isFinite(+datum[\"current\"])"
        }
      ]
    },
    {
      "name": "data_3",
      "source": "thresholds",
      "transform": [
        {
          "type": "filter",
          "expr": "isValid(datum[\"potential\"]) && isFinite(+datum[\"potential\"])"
        }
      ]
    },
    {
      "name": "data_5",
      "source": "quadrants",
      "transform": [
        {
          "type": "filter",
          "expr": "datum.tier === 'platinum'"
        }
      ]
    },
    {
      "name": "data_6",
      "source": "quadrants",
      "transform": [
        {
          "type": "filter",
          "expr": "datum.tier === 'gold'"
        }
      ]
    },
    {
      "name": "data_7",
      "source": "quadrants",
      "transform": [
        {
          "type": "filter",
          "expr": "datum.tier === 'iron'"
        }
      ]
    },
    {
      "name": "data_8",
      "source": "quadrants",
      "transform": [
        {
          "type": "filter",
          "expr": "datum.tier === 'lead'"
        }
      ]
    }
  ],
  "signals": [
    {
      "name": "xTitle",
      "value": "Current value"
    },
    {
      "name": "yTitle",
      "value": "Potential value"
    },
    {
      "name": "valueFormat",
      "value": "~s"
    }
  ],
  "marks": [
    {
      "name": "layer_0_marks",
      "type": "symbol",
      "style": [
        "circle",
        "lens-point"
      ],
      "aria": false,
      "from": {
        "data": "data_0"
      },
      "encode": {
        "update": {
          "opacity": {
            "value": 0.6
          },
          "size": {
            "value": 12
          },
          "cursor": {
            "value": "pointer"
          },
          "tooltip": {
            "signal": "datum.tooltip"
          },
          "fill": {
            "scale": "color",
            "field": "tier"
          },
          "x": {
            "scale": "x",
            "field": "current"
          },
          "y": {
            "scale": "y",
            "field": "potential"
          },
          "shape": {
            "value": "circle"
          }
        }
      }
    },
    {
      "name": "layer_1_marks",
      "type": "rule",
      "style": [
        "rule",
        "lens-threshold"
      ],
      "aria": false,
      "from": {
        "data": "data_2"
      },
      "encode": {
        "update": {
          "x": {
            "scale": "x",
            "field": "current"
          },
          "y": {
            "value": 0
          },
          "y2": {
            "field": {
              "group": "height"
            }
          }
        }
      }
    },
    {
      "name": "layer_2_marks",
      "type": "rule",
      "style": [
        "rule",
        "lens-threshold"
      ],
      "aria": false,
      "from": {
        "data": "data_3"
      },
      "encode": {
        "update": {
          "x": {
            "field": {
              "group": "width"
            }
          },
          "x2": {
            "value": 0
          },
          "y": {
            "scale": "y",
            "field": "potential"
          }
        }
      }
    },
    {
      "name": "layer_3_marks",
      "type": "text",
      "style": [
        "text",
        "lens-quadrant-label"
      ],
      "aria": false,
      "from": {
        "data": "data_5"
      },
      "encode": {
        "update": {
          "align": {
            "value": "right"
          },
          "baseline": {
            "value": "top"
          },
          "dx": {
            "value": -6
          },
          "dy": {
            "value": 6
          },
          "x": {
            "field": {
              "group": "width"
            }
          },
          "y": {
            "value": 0
          },
          "text": {
            "signal": "isValid(datum[\"label\"]) ? datum[\"label\"] : \"\"+datum[\"label\"]"
          }
        }
      }
    },
    {
      "name": "layer_4_marks",
      "type": "text",
      "style": [
        "text",
        "lens-quadrant-label"
      ],
      "aria": false,
      "from": {
        "data": "data_6"
      },
      "encode": {
        "update": {
          "align": {
            "value": "right"
          },
          "baseline": {
            "value": "bottom"
          },
          "dx": {
            "value": -6
          },
          "dy": {
            "value": -6
          },
          "x": {
            "field": {
              "group": "width"
            }
          },
          "y": {
            "field": {
              "group": "height"
            }
          },
          "text": {
            "signal": "isValid(datum[\"label\"]) ? datum[\"label\"] : \"\"+datum[\"label\"]"
          }
        }
      }
    },
    {
      "name": "layer_5_marks",
      "type": "text",
      "style": [
        "text",
        "lens-quadrant-label"
      ],
      "aria": false,
      "from": {
        "data": "data_7"
      },
      "encode": {
        "update": {
          "align": {
            "value": "left"
          },
          "baseline": {
            "value": "top"
          },
          "dx": {
            "value": 6
          },
          "dy": {
            "value": 6
          },
          "x": {
            "value": 0
          },
          "y": {
            "value": 0
          },
          "text": {
            "signal": "isValid(datum[\"label\"]) ? datum[\"label\"] : \"\"+datum[\"label\"]"
          }
        }
      }
    },
    {
      "name": "layer_6_marks",
      "type": "text",
      "style": [
        "text",
        "lens-quadrant-label"
      ],
      "aria": false,
      "from": {
        "data": "data_8"
      },
      "encode": {
        "update": {
          "align": {
            "value": "left"
          },
          "baseline": {
            "value": "bottom"
          },
          "dx": {
            "value": 6
          },
          "dy": {
            "value": -6
          },
          "x": {
            "value": 0
          },
          "y": {
            "field": {
              "group": "height"
            }
          },
          "text": {
            "signal": "isValid(datum[\"label\"]) ? datum[\"label\"] : \"\"+datum[\"label\"]"
          }
        }
      }
    }
  ],
  "scales": [
    {
      "name": "x",
      "type": "symlog",
      "domain": {
        "fields": [
          {
            "data": "data_0",
            "field": "current"
          },
          {
            "data": "data_2",
            "field": "current"
          }
        ]
      },
      "range": [
        0,
        {
          "signal": "width"
        }
      ],
      "nice": false,
      "constant": 1,
      "zero": true
    },
    {
      "name": "y",
      "type": "symlog",
      "domain": {
        "fields": [
          {
            "data": "data_0",
            "field": "potential"
          },
          {
            "data": "data_3",
            "field": "potential"
          }
        ]
      },
      "range": [
        {
          "signal": "height"
        },
        0
      ],
      "nice": false,
      "constant": 1,
      "zero": true
    },
    {
      "name": "color",
      "type": "ordinal",
      "domain": [
        "platinum",
        "gold",
        "iron",
        "lead"
      ],
      "range": "lens-tier"
    }
  ],
  "axes": [
    {
      "scale": "x",
      "orient": "bottom",
      "grid": true,
      "values": [
        -1000000000,
        -100000000,
        -10000000,
        -1000000,
        -100000,
        -10000,
        -1000,
        -100,
        -10,
        -1,
        0,
        1,
        10,
        100,
        1000,
        10000,
        100000,
        1000000,
        10000000,
        100000000,
        1000000000
      ],
      "gridScale": "y",
      "tickCount": {
        "signal": "ceil(width/40)"
      },
      "domain": false,
      "labels": false,
      "aria": false,
      "maxExtent": 0,
      "minExtent": 0,
      "ticks": false,
      "zindex": 0
    },
    {
      "scale": "y",
      "orient": "left",
      "grid": true,
      "values": [
        -1000000000,
        -100000000,
        -10000000,
        -1000000,
        -100000,
        -10000,
        -1000,
        -100,
        -10,
        -1,
        0,
        1,
        10,
        100,
        1000,
        10000,
        100000,
        1000000,
        10000000,
        100000000,
        1000000000
      ],
      "gridScale": "x",
      "tickCount": {
        "signal": "ceil(height/40)"
      },
      "domain": false,
      "labels": false,
      "aria": false,
      "maxExtent": 0,
      "minExtent": 0,
      "ticks": false,
      "zindex": 0
    },
    {
      "scale": "x",
      "orient": "bottom",
      "grid": false,
      "title": {
        "signal": "xTitle"
      },
      "labelFlush": true,
      "labelOverlap": true,
      "values": [
        -1000000000,
        -100000000,
        -10000000,
        -1000000,
        -100000,
        -10000,
        -1000,
        -100,
        -10,
        -1,
        0,
        1,
        10,
        100,
        1000,
        10000,
        100000,
        1000000,
        10000000,
        100000000,
        1000000000
      ],
      "tickCount": {
        "signal": "ceil(width/40)"
      },
      "encode": {
        "labels": {
          "update": {
            "text": {
              "signal": "format(datum.value, valueFormat)"
            }
          }
        }
      },
      "zindex": 0
    },
    {
      "scale": "y",
      "orient": "left",
      "grid": false,
      "title": {
        "signal": "yTitle"
      },
      "labelFlush": true,
      "labelOverlap": true,
      "values": [
        -1000000000,
        -100000000,
        -10000000,
        -1000000,
        -100000,
        -10000,
        -1000,
        -100,
        -10,
        -1,
        0,
        1,
        10,
        100,
        1000,
        10000,
        100000,
        1000000,
        10000000,
        100000000,
        1000000000
      ],
      "tickCount": {
        "signal": "ceil(height/40)"
      },
      "encode": {
        "labels": {
          "update": {
            "text": {
              "signal": "format(datum.value, valueFormat)"
            }
          }
        }
      },
      "zindex": 0
    }
  ]
} as unknown as Spec;

/** `rfmHeatmapSpec()` compiled to vega. */
export const rfmHeatmapVegaSpec = {
  "$schema": "https://vega.github.io/schema/vega/v6.json",
  "description": "RFM heatmap",
  "autosize": {
    "type": "fit",
    "contains": "padding"
  },
  "padding": 5,
  "width": 420,
  "height": 360,
  "style": "cell",
  "data": [
    {
      "name": "cells",
      "format": {}
    },
    {
      "name": "segments"
    },
    {
      "name": "data_1",
      "source": "cells",
      "transform": [
        {
          "type": "formula",
          "expr": "datum.r - 0.5",
          "as": "r0"
        },
        {
          "type": "formula",
          "expr": "datum.r + 0.5",
          "as": "r1"
        },
        {
          "type": "formula",
          "expr": "datum.f - 0.5",
          "as": "f0"
        },
        {
          "type": "formula",
          "expr": "datum.f + 0.5",
          "as": "f1"
        },
        {
          "type": "filter",
          "expr": "isValid(datum[\"r0\"]) && isFinite(+datum[\"r0\"]) && isValid(datum[\"f0\"]) && isFinite(+datum[\"f0\"]) && isValid(datum[\"value\"]) && isFinite(+datum[\"value\"])"
        }
      ]
    },
    {
      "name": "data_2",
      "source": "cells",
      "transform": [
        {
          "type": "joinaggregate",
          "as": [
            "low"
          ],
          "ops": [
            "min"
          ],
          "fields": [
            "value"
          ]
        },
        {
          "type": "joinaggregate",
          "as": [
            "high"
          ],
          "ops": [
            "max"
          ],
          "fields": [
            "value"
          ]
        },
        {
          "type": "formula",
          "expr": "datum.high > datum.low ? (datum.value - datum.low) / (datum.high - datum.low) : 0",
          "as": "rampPosition"
        },
        {
          "type": "filter",
          "expr": "isValid(datum[\"r\"]) && isFinite(+datum[\"r\"]) && isValid(datum[\"f\"]) && isFinite(+datum[\"f\"]) && isValid(datum[\"rampPosition\"]) && isFinite(+datum[\"rampPosition\"])"
        }
      ]
    },
    {
      "name": "data_3",
      "source": "segments",
      "transform": [
        {
          "type": "formula",
          "expr": "datum.rMin - 0.5",
          "as": "r0"
        },
        {
          "type": "formula",
          "expr": "datum.rMax + 0.5",
          "as": "r1"
        },
        {
          "type": "formula",
          "expr": "datum.fMin - 0.5",
          "as": "f0"
        },
        {
          "type": "formula",
          "expr": "datum.fMax + 0.5",
          "as": "f1"
        },
        {
          "type": "formula",
          "expr": "datum.name ? datum.rMin : 1e9",
          "as": "nameStart"
        },
        {
          "type": "window",
          "params": [
            null
          ],
          "as": [
            "nextNameStart"
          ],
          "ops": [
            "lead"
          ],
          "fields": [
            "nameStart"
          ],
          "sort": {
            "field": [
              "nameStart"
            ],
            "order": [
              "ascending"
            ]
          },
          "groupby": [
            "fMax"
          ]
        },
        {
          "type": "formula",
          "expr": "min(datum.r1, isValid(datum.nextNameStart) ? datum.nextNameStart - 0.5 : datum.r1)",
          "as": "nameEnd"
        },
        {
          "type": "filter",
          "expr": "isValid(datum[\"r0\"]) && isFinite(+datum[\"r0\"]) && isValid(datum[\"f1\"]) && isFinite(+datum[\"f1\"])"
        }
      ]
    }
  ],
  "signals": [
    {
      "name": "xTitle",
      "value": "Recency score"
    },
    {
      "name": "yTitle",
      "value": "Frequency score"
    },
    {
      "name": "valueTitle",
      "value": "Value"
    },
    {
      "name": "valueFormat",
      "value": "~s"
    }
  ],
  "marks": [
    {
      "name": "layer_0_marks",
      "type": "rect",
      "style": [
        "rect",
        "lens-cell"
      ],
      "from": {
        "data": "data_1"
      },
      "encode": {
        "update": {
          "description": {
            "signal": "datum.tooltip"
          },
          "cursor": {
            "value": "pointer"
          },
          "tooltip": {
            "signal": "datum.tooltip"
          },
          "fill": {
            "scale": "layer_0_color",
            "field": "value"
          },
          "x": {
            "scale": "x",
            "field": "r0"
          },
          "x2": {
            "scale": "x",
            "field": "r1"
          },
          "y": {
            "scale": "y",
            "field": "f0"
          },
          "y2": {
            "scale": "y",
            "field": "f1"
          }
        }
      }
    },
    {
      "name": "layer_1_marks",
      "type": "text",
      "style": [
        "text",
        "lens-cell-text"
      ],
      "aria": false,
      "from": {
        "data": "data_2"
      },
      "encode": {
        "update": {
          "cursor": {
            "value": "pointer"
          },
          "tooltip": {
            "signal": "datum.tooltip"
          },
          "fill": {
            "scale": "layer_1_color",
            "field": "rampPosition"
          },
          "x": {
            "scale": "x",
            "field": "r"
          },
          "y": {
            "scale": "y",
            "field": "f"
          },
          "text": {
            "signal": "isValid(datum[\"valueText\"]) ? datum[\"valueText\"] : \"\"+datum[\"valueText\"]"
          },
          "align": {
            "value": "center"
          },
          "baseline": {
            "value": "middle"
          }
        }
      }
    },
    {
      "name": "layer_2_layer_0_marks",
      "type": "rect",
      "style": [
        "rect",
        "lens-segment"
      ],
      "aria": false,
      "from": {
        "data": "data_3"
      },
      "encode": {
        "update": {
          "x": {
            "scale": "x",
            "field": "r0"
          },
          "x2": {
            "scale": "x",
            "field": "r1"
          },
          "y": {
            "scale": "y",
            "field": "f1"
          },
          "y2": {
            "scale": "y",
            "field": "f0"
          }
        }
      }
    },
    {
      "name": "layer_2_layer_1_marks",
      "type": "text",
      "style": [
        "text",
        "lens-segment-halo"
      ],
      "aria": false,
      "from": {
        "data": "data_3"
      },
      "encode": {
        "update": {
          "align": {
            "value": "left"
          },
          "baseline": {
            "value": "top"
          },
          "dx": {
            "value": 4
          },
          "dy": {
            "value": 3
          },
          "limit": {
            "signal": "max(1, scale('x', datum.nameEnd) - scale('x', datum.r0) - 8)"
          },
          "x": {
            "scale": "x",
            "field": "r0"
          },
          "y": {
            "scale": "y",
            "field": "f1"
          },
          "text": {
            "signal": "isValid(datum[\"name\"]) ? datum[\"name\"] : \"\"+datum[\"name\"]"
          }
        }
      }
    },
    {
      "name": "layer_2_layer_2_marks",
      "type": "text",
      "style": [
        "text",
        "lens-segment-label"
      ],
      "aria": false,
      "from": {
        "data": "data_3"
      },
      "encode": {
        "update": {
          "align": {
            "value": "left"
          },
          "baseline": {
            "value": "top"
          },
          "dx": {
            "value": 4
          },
          "dy": {
            "value": 3
          },
          "limit": {
            "signal": "max(1, scale('x', datum.nameEnd) - scale('x', datum.r0) - 8)"
          },
          "x": {
            "scale": "x",
            "field": "r0"
          },
          "y": {
            "scale": "y",
            "field": "f1"
          },
          "text": {
            "signal": "isValid(datum[\"name\"]) ? datum[\"name\"] : \"\"+datum[\"name\"]"
          }
        }
      }
    }
  ],
  "scales": [
    {
      "name": "x",
      "type": "linear",
      "domain": {
        "fields": [
          {
            "data": "data_1",
            "field": "r0"
          },
          {
            "data": "data_1",
            "field": "r1"
          },
          {
            "data": "data_2",
            "field": "r"
          },
          {
            "data": "data_3",
            "field": "r0"
          },
          {
            "data": "data_3",
            "field": "r1"
          }
        ]
      },
      "range": [
        0,
        {
          "signal": "width"
        }
      ],
      "nice": false,
      "zero": false
    },
    {
      "name": "y",
      "type": "linear",
      "domain": {
        "fields": [
          {
            "data": "data_1",
            "field": "f0"
          },
          {
            "data": "data_1",
            "field": "f1"
          },
          {
            "data": "data_2",
            "field": "f"
          },
          {
            "data": "data_3",
            "field": "f1"
          },
          {
            "data": "data_3",
            "field": "f0"
          }
        ]
      },
      "range": [
        {
          "signal": "height"
        },
        0
      ],
      "nice": false,
      "zero": false
    },
    {
      "name": "layer_0_color",
      "type": "linear",
      "domain": {
        "data": "data_1",
        "field": "value"
      },
      "range": "heatmap",
      "zero": false,
      "interpolate": "hcl"
    },
    {
      "name": "layer_1_color",
      "type": "threshold",
      "domain": [
        0.5
      ],
      "range": "lens-ramp-text",
      "interpolate": "hcl"
    }
  ],
  "axes": [
    {
      "scale": "x",
      "orient": "bottom",
      "grid": false,
      "title": {
        "signal": "xTitle"
      },
      "format": "d",
      "tickMinStep": 1,
      "labelFlush": true,
      "labelOverlap": true,
      "tickCount": {
        "signal": "ceil(width/40)"
      },
      "zindex": 0
    },
    {
      "scale": "y",
      "orient": "left",
      "grid": false,
      "title": {
        "signal": "yTitle"
      },
      "format": "d",
      "tickMinStep": 1,
      "labelOverlap": true,
      "tickCount": {
        "signal": "ceil(height/40)"
      },
      "zindex": 0
    }
  ],
  "legends": [
    {
      "title": {
        "signal": "valueTitle"
      },
      "fill": "layer_0_color",
      "gradientLength": {
        "signal": "clamp(height, 64, 200)"
      },
      "encode": {
        "labels": {
          "update": {
            "text": {
              "signal": "format(datum.value, valueFormat)"
            }
          }
        }
      }
    }
  ]
} as unknown as Spec;

/** `segmentsScatterSpec()` compiled to vega. */
export const segmentsScatterVegaSpec = {
  "$schema": "https://vega.github.io/schema/vega/v6.json",
  "description": "Customer segments scatter",
  "autosize": {
    "type": "fit",
    "contains": "padding"
  },
  "padding": 5,
  "width": 480,
  "height": 320,
  "style": "cell",
  "data": [
    {
      "name": "points"
    },
    {
      "name": "data_0",
      "source": "points",
      "transform": [
        {
          "type": "formula",
          "expr": "datum.selected ? 1 : 0",
          "as": "isSelected"
        },
        {
          "type": "joinaggregate",
          "as": [
            "anySelected"
          ],
          "ops": [
            "max"
          ],
          "fields": [
            "isSelected"
          ]
        },
        {
          "type": "filter",
          "expr": "isValid(datum[\"x\"]) && isFinite(+datum[\"x\"]) && isValid(datum[\"y\"]) && isFinite(+datum[\"y\"])"
        }
      ]
    }
  ],
  "signals": [
    {
      "name": "xTitle",
      "value": "Recency (days)"
    },
    {
      "name": "yTitle",
      "value": "Monetary value"
    },
    {
      "name": "valueFormat",
      "value": "~s"
    }
  ],
  "marks": [
    {
      "name": "marks",
      "type": "symbol",
      "style": [
        "circle",
        "lens-point"
      ],
      "sort": {
        "field": [
          "datum[\"isSelected\"]"
        ],
        "order": [
          "ascending"
        ]
      },
      "aria": false,
      "from": {
        "data": "data_0"
      },
      "encode": {
        "update": {
          "opacity": [
            {
              "test": "datum.selected || !datum.anySelected",
              "value": 0.7
            },
            {
              "value": 0.12
            }
          ],
          "size": {
            "value": 16
          },
          "cursor": {
            "value": "pointer"
          },
          "tooltip": {
            "signal": "datum.tooltip"
          },
          "fill": {
            "scale": "color",
            "field": "segment"
          },
          "x": {
            "scale": "x",
            "field": "x"
          },
          "y": {
            "scale": "y",
            "field": "y"
          },
          "shape": {
            "value": "circle"
          }
        }
      }
    }
  ],
  "scales": [
    {
      "name": "x",
      "type": "symlog",
      "domain": {
        "data": "data_0",
        "field": "x"
      },
      "range": [
        0,
        {
          "signal": "width"
        }
      ],
      "nice": false,
      "constant": 1,
      "zero": true
    },
    {
      "name": "y",
      "type": "symlog",
      "domain": {
        "data": "data_0",
        "field": "y"
      },
      "range": [
        {
          "signal": "height"
        },
        0
      ],
      "nice": false,
      "constant": 1,
      "zero": true
    },
    {
      "name": "color",
      "type": "ordinal",
      "domain": [
        0,
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        19,
        20,
        21,
        22,
        23,
        24,
        25,
        26,
        27,
        28,
        29,
        30,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        38,
        39,
        40,
        41,
        42,
        43,
        44,
        45,
        46,
        47,
        48,
        49
      ],
      "range": "category"
    }
  ],
  "axes": [
    {
      "scale": "x",
      "orient": "bottom",
      "grid": true,
      "values": [
        -1000000000,
        -100000000,
        -10000000,
        -1000000,
        -100000,
        -10000,
        -1000,
        -100,
        -10,
        -1,
        0,
        1,
        10,
        100,
        1000,
        10000,
        100000,
        1000000,
        10000000,
        100000000,
        1000000000
      ],
      "gridScale": "y",
      "domain": false,
      "labels": false,
      "aria": false,
      "maxExtent": 0,
      "minExtent": 0,
      "ticks": false,
      "zindex": 0
    },
    {
      "scale": "y",
      "orient": "left",
      "grid": true,
      "values": [
        -1000000000,
        -100000000,
        -10000000,
        -1000000,
        -100000,
        -10000,
        -1000,
        -100,
        -10,
        -1,
        0,
        1,
        10,
        100,
        1000,
        10000,
        100000,
        1000000,
        10000000,
        100000000,
        1000000000
      ],
      "gridScale": "x",
      "domain": false,
      "labels": false,
      "aria": false,
      "maxExtent": 0,
      "minExtent": 0,
      "ticks": false,
      "zindex": 0
    },
    {
      "scale": "x",
      "orient": "bottom",
      "grid": false,
      "title": {
        "signal": "xTitle"
      },
      "labelFlush": true,
      "labelOverlap": true,
      "values": [
        -1000000000,
        -100000000,
        -10000000,
        -1000000,
        -100000,
        -10000,
        -1000,
        -100,
        -10,
        -1,
        0,
        1,
        10,
        100,
        1000,
        10000,
        100000,
        1000000,
        10000000,
        100000000,
        1000000000
      ],
      "encode": {
        "labels": {
          "update": {
            "text": {
              "signal": "format(datum.value, valueFormat)"
            }
          }
        }
      },
      "zindex": 0
    },
    {
      "scale": "y",
      "orient": "left",
      "grid": false,
      "title": {
        "signal": "yTitle"
      },
      "labelFlush": true,
      "labelOverlap": true,
      "values": [
        -1000000000,
        -100000000,
        -10000000,
        -1000000,
        -100000,
        -10000,
        -1000,
        -100,
        -10,
        -1,
        0,
        1,
        10,
        100,
        1000,
        10000,
        100000,
        1000000,
        10000000,
        100000000,
        1000000000
      ],
      "encode": {
        "labels": {
          "update": {
            "text": {
              "signal": "format(datum.value, valueFormat)"
            }
          }
        }
      },
      "zindex": 0
    }
  ]
} as unknown as Spec;

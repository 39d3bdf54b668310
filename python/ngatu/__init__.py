"""Ngã Tư traffic signal simulator from Python (over the C interface, libNgaTuC).

- `Simulation`: one run stepped from Python: observe junctions, set their next phase.
- `SignalEnv` (Gymnasium) and `ParallelSignalEnv` (PettingZoo) in sumo-rl's conventions.
- `VectorSignalEnv`: many runs stepped in one call.
- `run_scenario`: Python policies beside the scenario's strategies, same seeds, standard results.
"""
from ._lib import NgatuError
from ._lib import version as _version
from .env import ParallelSignalEnv, SignalEnv
from .run import Hold, max_pressure, run_scenario
from .simulation import FIELDS, Observation, Scenario, Simulation, advance_many
from .vector import VectorSignalEnv

__version__ = _version().decode()
__all__ = ["Simulation", "Scenario", "Observation", "FIELDS", "SignalEnv", "ParallelSignalEnv", "VectorSignalEnv",
           "run_scenario", "Hold", "max_pressure", "advance_many", "NgatuError"]

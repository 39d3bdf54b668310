/*
 * ngatu.h: the C interface of the Ngã Tư traffic signal simulator (library libNgaTuC).
 *
 * A scenario is opened once (ngatu_scenario) and any number of runs of it are opened from it
 * (ngatu_sim), each a step-at-a-time run: advance, observe the externally controlled
 * junctions, set their next phase, close with the run's measures. Handles are opaque; no
 * Swift type crosses this interface. Several scenarios and runs may be open at once in one
 * process; one handle must not be used by two threads at the same time.
 *
 * Every function that can fail returns an ngatu_status; on failure ngatu_last_error() gives
 * the message (per thread, valid until the next failing call on that thread).
 *
 * The core enforces minimum green, yellow and all-red: an external controller only names
 * the phase it wants next, as a built-in strategy does.
 */
#ifndef NGATU_H
#define NGATU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ngatu_status {
    NGATU_OK = 0,
    NGATU_ERROR_INPUT = 1,     /* the scenario or its map is invalid (message: FILE:LINE:COL: …) */
    NGATU_ERROR_ARGUMENT = 2,  /* an argument is out of range (junction, phase, time, NULL handle) */
    NGATU_ERROR_STATE = 3,     /* the run is closed */
    NGATU_ERROR_OUTPUT = 4,    /* results could not be written */
    NGATU_ERROR_CONTROLLER = 5 /* a controller named no valid phase */
} ngatu_status;

/* Per-junction scalars written by ngatu_observe (indices into its `state` array). */
enum {
    NGATU_STATE_TIME = 0,            /* simulation time (s) */
    NGATU_STATE_PHASE = 1,           /* current phase, -1 before the first green */
    NGATU_STATE_STAGE = 2,           /* 0 green, 1 yellow, 2 all-red, 3 all-red before the first green */
    NGATU_STATE_GREEN_ELAPSED = 3,   /* s since the current green began */
    NGATU_STATE_EARLIEST_SWITCH = 4, /* earliest time (s) a change may start (min green) */
    NGATU_STATE_CAN_SWITCH = 5,      /* 1 when a change requested now starts now */
    NGATU_STATE_COUNT = 6
};

/* Per-movement fields written by ngatu_observe (row-major: movement m, field f at m * NGATU_FIELD_COUNT + f). */
enum {
    NGATU_QUEUED_VEHICLES = 0,       /* at the stop line */
    NGATU_QUEUED_PCU = 1,
    NGATU_APPROACHING_VEHICLES = 2,  /* within the detector distance, not yet queued */
    NGATU_APPROACHING_PCU = 3,
    NGATU_SECONDS_SINCE_DETECTION = 4, /* +inf when none yet */
    NGATU_DOWNSTREAM_PCU = 5,        /* on the segment the movement leads to */
    NGATU_DOWNSTREAM_STORAGE_PCU = 6,
    NGATU_SATURATION_FLOW = 7,       /* PCU/h of the approach, after incidents */
    NGATU_DEPARTED_VEHICLES = 8,     /* stop-line counts since time 0 */
    NGATU_DEPARTED_PCU = 9,
    NGATU_QUEUE_WAIT_S = 10,         /* seconds the queued vehicles have waited, summed */
    NGATU_FIELD_COUNT = 11
};

typedef struct ngatu_scenario ngatu_scenario;
typedef struct ngatu_sim ngatu_sim;

/* Library version, e.g. "0.9.0". */
const char *ngatu_version(void);
/* Message of the last failure on this thread ("" when none). */
const char *ngatu_last_error(void);

/* Reads and checks a scenario file and its map. */
ngatu_status ngatu_scenario_open(const char *path, ngatu_scenario **out);
void ngatu_scenario_free(ngatu_scenario *scenario);
/* Counts and names: strategies (index 0 is the baseline's position in the file order),
 * sweep points, replications, controlled junctions. Strings live as long as the handle. */
int32_t ngatu_scenario_strategy_count(const ngatu_scenario *scenario);
const char *ngatu_scenario_strategy_name(const ngatu_scenario *scenario, int32_t index);
const char *ngatu_scenario_baseline(const ngatu_scenario *scenario);
int32_t ngatu_scenario_point_count(const ngatu_scenario *scenario);
int32_t ngatu_scenario_replications(const ngatu_scenario *scenario);
double ngatu_scenario_duration(const ngatu_scenario *scenario);
int32_t ngatu_scenario_controlled_count(const ngatu_scenario *scenario);
const char *ngatu_scenario_controlled_id(const ngatu_scenario *scenario, int32_t index);

/*
 * Opens replication `replication` (from 1) of strategy `strategy` (NULL: the baseline) at
 * sweep point `point` (from 0) on that replication's seed. `external` is a comma-separated
 * list of junction ids decided from outside (NULL: every junction the scenario controls;
 * "": none); the other junctions keep the strategy. `min_green` (s) is the external
 * junctions' minimum green (the model's floor applies too), `detector_distance` (m) how far
 * upstream their observation counts approaching vehicles.
 */
ngatu_status ngatu_sim_open(const ngatu_scenario *scenario, const char *strategy, int32_t point,
                            int32_t replication, const char *external, double min_green,
                            double detector_distance, ngatu_sim **out);
void ngatu_sim_free(ngatu_sim *sim);

double ngatu_sim_time(const ngatu_sim *sim);
double ngatu_sim_duration(const ngatu_sim *sim);
/* Advances to time t (s) or by dt (s), clipped to the duration. */
ngatu_status ngatu_sim_advance_to(ngatu_sim *sim, double t);
ngatu_status ngatu_sim_advance_by(ngatu_sim *sim, double dt);
/* Advances n runs by dt each, on up to `threads` threads (0: one per core). */
ngatu_status ngatu_sims_advance_by(ngatu_sim *const *sims, int32_t n, double dt, int32_t threads);

/* Rewards of ngatu_sims_step_encoded, sumo-rl's. */
enum {
    NGATU_REWARD_DIFF_WAITING_TIME = 0, /* fall in the queued vehicles' summed waiting time (s) / 100 since the last call */
    NGATU_REWARD_QUEUE = 1,             /* minus the vehicles queued */
    NGATU_REWARD_PRESSURE = 2           /* PCU on the exit roads (each once) minus PCU queued or approaching */
};

/*
 * A learning environment's step for n runs in one call (the Python environments use it):
 * run i takes the phases of its external junctions from `phases` (the runs' junctions one
 * after the other; negative: leave that request as it is; NULL: no requests), advances to
 * min(end, its time + dt) (dt 0: no advance), on up to `threads` threads (0: one per core),
 * then writes per external junction, the runs' junctions one after the other:
 *   obs: `width` floats of sumo-rl's observation: the phase one-hot (all zero outside a
 *        green), 1 when a change asked now starts now, per movement min(1, (queued +
 *        approaching PCU) / what its approach road stores), per movement min(1, queued PCU /
 *        the same), zeros up to `width` (at least phases + 1 + 2 x movements);
 *   rewards (may be NULL): the reward of kind `reward` (NGATU_REWARD_*); the waiting time a
 *        diff-waiting-time reward falls from is the one at this run's previous call (0 at the first);
 *   times (may be NULL): each run's time after the step.
 * Every argument and phase is checked before any run moves: a refused call changes nothing.
 */
ngatu_status ngatu_sims_step_encoded(ngatu_sim *const *sims, int32_t n, const int32_t *phases, double dt,
                                     double end, int32_t threads, int32_t reward, int32_t width,
                                     float *obs, double *rewards, double *times);

/* External junctions: count, id, phases, movements, and the phase × movement green mask
 * (phase p gives movement m green when mask[p * movements + m] is 1). */
int32_t ngatu_sim_junction_count(const ngatu_sim *sim);
const char *ngatu_sim_junction_id(const ngatu_sim *sim, int32_t junction);
int32_t ngatu_sim_phase_count(const ngatu_sim *sim, int32_t junction);
int32_t ngatu_sim_movement_count(const ngatu_sim *sim, int32_t junction);
/* Plan yellow + all-red (s) of each phase's change, into `intergreen` (phase_count values). */
ngatu_status ngatu_sim_phase_info(const ngatu_sim *sim, int32_t junction, uint8_t *mask, double *intergreen);
/* Per movement (any pointer may be NULL): max-pressure's downstream weight (sum of squared
 * turning ratios out of the downstream segment, from the routed demand), the index of its
 * approach within the junction, what that approach road can store (PCU), and the index of
 * the road it leads to among the junction's exits. */
ngatu_status ngatu_sim_movement_info(const ngatu_sim *sim, int32_t junction, double *downstream_weight,
                                     int32_t *approach, double *approach_storage_pcu, int32_t *exit);

/* Observation of one external junction: NGATU_STATE_COUNT scalars and
 * movement_count × NGATU_FIELD_COUNT fields. */
ngatu_status ngatu_sim_observe(ngatu_sim *sim, int32_t junction, double *state, double *movements);
/* Every external junction at once: state is junction_count × NGATU_STATE_COUNT, movements
 * the junctions' movement rows one after the other. */
ngatu_status ngatu_sim_observe_all(ngatu_sim *sim, double *state, double *movements);

/* The phase a junction should show next (the change starts as soon as the minimum green
 * allows; naming the current phase keeps it). */
ngatu_status ngatu_sim_set_phase(ngatu_sim *sim, int32_t junction, int32_t phase);
/* One phase per external junction; a negative value leaves that junction's request as it is. */
ngatu_status ngatu_sim_set_phases(ngatu_sim *sim, const int32_t *phases);

/* Runs the rest of the run and keeps its measures; later calls of the other run functions fail
 * with NGATU_ERROR_STATE. */
ngatu_status ngatu_sim_close(ngatu_sim *sim);
/* A measure of a closed run by its runs.csv column name (e.g. "mean_delay_s",
 * "vehicles_finished", "throughput_veh_h"); NaN where runs.csv has an empty cell. */
ngatu_status ngatu_sim_result(const ngatu_sim *sim, const char *column, double *value);

/*
 * A policy asked at each decision point of a junction, as a built-in controller is: gets the
 * junction id, its NGATU_STATE_COUNT scalars and movement rows; returns the phase to switch to,
 * or -1 to keep the current phase until *hold_until (s; preset to +inf, asked again at the next
 * green start anyway). A phase that does not exist, or the current one, keeps the phase 1 s.
 * -2 aborts: the policy holds for the rest of the run and ngatu_run_scenario publishes nothing
 * (it fails with NGATU_ERROR_OUTPUT; results so far stay in OUT.partial).
 */
typedef int32_t (*ngatu_policy_fn)(void *user, const char *junction, const double *state,
                                   const double *movements, int32_t movement_count, double *hold_until);

/*
 * Runs the scenario as `ngatu run` does, plus one strategy per policy (named names[i],
 * controller `external`, min_green `min_green`), every strategy on the same seeds, and writes
 * the standard results directory with report.html to `out`. replications 0 keeps the file's.
 * Policies run on the calling thread's process, one run at a time.
 */
ngatu_status ngatu_run_scenario(const char *scenario, const char *out, int32_t n_policies,
                                const char *const *names, const ngatu_policy_fn *policies,
                                void *const *users, double min_green, int32_t replications,
                                const char *language);

#ifdef __cplusplus
}
#endif

#endif
